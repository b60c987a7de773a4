import { fetchStatus, type Health, type ServiceStatus } from "./api.js";

const REFRESH_MS = 15_000;

const badge: Record<Health, string> = {
  up: "✔ up",
  degraded: "▲ degraded",
  down: "✖ down",
};

function row(s: ServiceStatus): HTMLTableRowElement {
  const tr = document.createElement("tr");
  tr.className = s.health;
  for (const text of [s.name, badge[s.health], `${s.latencyMs} ms`, new Date(s.checkedAt).toLocaleTimeString()]) {
    const td = document.createElement("td");
    td.textContent = text;
    tr.append(td);
  }
  return tr;
}

async function refresh(table: HTMLTableSectionElement, footer: HTMLElement): Promise<void> {
  try {
    const services = await fetchStatus(AbortSignal.timeout(5_000));
    services.sort((a, b) => a.name.localeCompare(b.name));
    table.replaceChildren(...services.map(row));
    const down = services.filter((s) => s.health !== "up").length;
    footer.textContent = `${services.length} services, ${down} need attention`;
  } catch (err) {
    footer.textContent = `status unavailable: ${(err as Error).message}`;
  }
}

const table = document.querySelector<HTMLTableSectionElement>("#services tbody");
const footer = document.querySelector<HTMLElement>("#summary");
if (table && footer) {
  void refresh(table, footer);
  setInterval(() => void refresh(table, footer), REFRESH_MS);
}
