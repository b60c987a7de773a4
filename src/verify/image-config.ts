/** The parts of an image's config that change how a container of it behaves. */
export interface ImageConfig {
  Cmd: string[] | null;
  Entrypoint: string[] | null;
  WorkingDir: string;
  User: string;
  Env: string[];
  ExposedPorts: string[];
  Volumes: string[];
  Labels: Record<string, string>;
  StopSignal: string;
  /** JSON of the healthcheck, '' when there is none. */
  Healthcheck: string;
}

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const keys = (v: unknown): string[] => (isRecord(v) ? Object.keys(v).sort() : []);

/** An empty command list and a missing one start a container the same way. */
const command = (v: unknown): string[] | null => (Array.isArray(v) && v.length > 0 ? v.map(String) : null);

function labels(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {};
  return Object.fromEntries(Object.entries(v).map(([k, val]) => [k, String(val)]));
}

/**
 * Normalize one element of `docker image inspect` / `podman image inspect`
 * output, where absent and empty values are spelled differently by each engine.
 */
export function normalizeConfig(inspected: unknown): ImageConfig {
  const top = isRecord(inspected) ? inspected : {};
  const c = isRecord(top.Config) ? top.Config : {};
  const health = c.Healthcheck ?? top.Healthcheck;
  return {
    Cmd: command(c.Cmd),
    Entrypoint: command(c.Entrypoint),
    WorkingDir: text(c.WorkingDir),
    User: text(c.User),
    Env: strings(c.Env),
    ExposedPorts: keys(c.ExposedPorts),
    Volumes: keys(c.Volumes),
    Labels: labels(c.Labels),
    StopSignal: text(c.StopSignal),
    Healthcheck: isRecord(health) ? JSON.stringify(health) : '',
  };
}
