export type Health = "up" | "degraded" | "down";

export interface ServiceStatus {
  name: string;
  health: Health;
  latencyMs: number;
  checkedAt: string;
}

const STATUS_URL = "/api/status";

export async function fetchStatus(signal?: AbortSignal): Promise<ServiceStatus[]> {
  const res = await fetch(STATUS_URL, { signal, headers: { Accept: "application/json" } });
  if (!res.ok) {
    throw new Error(`GET ${STATUS_URL}: ${res.status} ${res.statusText}`);
  }
  const body: unknown = await res.json();
  if (!Array.isArray(body)) {
    throw new Error(`GET ${STATUS_URL}: expected a list of services`);
  }
  return body as ServiceStatus[];
}
