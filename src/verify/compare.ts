/**
 * Differences between the legacy image and the migrated one, worded so a person
 * can act on them: "/app/config.yml: only in legacy". Legacy always comes first.
 * Modification times are not compared: two builds never share them.
 */
import type { ImageConfig } from './image-config.js';
import type { TarEntry } from './tar-reader.js';

export interface SnapshotData {
  entries: Map<string, TarEntry>;
  config: ImageConfig;
}

const octal = (mode: number): string => mode.toString(8).padStart(4, '0');
const short = (hash: string): string => hash.slice(0, 12);
/** A hard link and a regular file hold content the same way. */
const kind = (e: TarEntry): string => (e.type === 'hardlink' ? 'file' : e.type);

function pair(legacy: string, migrated: string): string {
  return `${legacy} in legacy, ${migrated} in migrated`;
}

/** Differences of one path present in both images. */
export function entryDifferences(path: string, a: TarEntry, b: TarEntry): string[] {
  if (kind(a) !== kind(b)) return [`${path}: ${pair(a.type, b.type)}`];
  const out: string[] = [];
  if (a.mode !== b.mode) out.push(`${path}: mode ${pair(octal(a.mode), octal(b.mode))}`);
  if (a.uid !== b.uid || a.gid !== b.gid) out.push(`${path}: owner ${pair(`${a.uid}:${a.gid}`, `${b.uid}:${b.gid}`)}`);
  if (kind(a) === 'file' && a.sha256 !== b.sha256) {
    out.push(`${path}: content differs (${a.size} bytes, sha256 ${short(a.sha256)} in legacy; ${b.size} bytes, sha256 ${short(b.sha256)} in migrated)`);
  }
  if (a.type === 'symlink' && a.linkTarget !== b.linkTarget) {
    out.push(`${path}: link target ${pair(JSON.stringify(a.linkTarget), JSON.stringify(b.linkTarget))}`);
  }
  for (const name of new Set([...Object.keys(a.xattrs), ...Object.keys(b.xattrs)])) {
    if (a.xattrs[name] !== b.xattrs[name]) out.push(`${path}: extended attribute ${name} differs`);
  }
  return out;
}

/** The nearest ancestor of `path` (or `path` itself) that is a key of `roots`. */
function rootOf<T>(roots: Map<string, T>, path: string): T | undefined {
  for (let p = path; ; p = p.slice(0, Math.max(p.lastIndexOf('/'), 1))) {
    const hit = roots.get(p);
    if (hit !== undefined || p === '/') return hit;
  }
}

interface OnlyIn {
  path: string;
  side: 'legacy' | 'migrated';
  entry: TarEntry;
  below: number;
}

function onlyInText(o: OnlyIn): string {
  if (o.entry.type !== 'dir') return `${o.path}: only in ${o.side}`;
  return `${o.path}: only in ${o.side} (directory${o.below > 0 ? ` with ${o.below} entries` : ''})`;
}

/** Path differences; a folder present on one side only is reported once, not per file. */
export function fileDifferences(legacy: Map<string, TarEntry>, migrated: Map<string, TarEntry>): string[] {
  const paths = [...new Set([...legacy.keys(), ...migrated.keys()])].sort();
  const roots = new Map<string, OnlyIn>();
  const items: Array<OnlyIn | string[]> = [];
  for (const path of paths) {
    const a = legacy.get(path);
    const b = migrated.get(path);
    if (a && b) {
      items.push(entryDifferences(path, a, b));
      continue;
    }
    const side = a ? 'legacy' : 'migrated';
    const root = rootOf(roots, path);
    if (root?.side === side) {
      root.below++;
      continue;
    }
    const item: OnlyIn = { path, side, entry: (a ?? b) as TarEntry, below: 0 };
    roots.set(path, item);
    items.push(item);
  }
  return items.flatMap((i) => (Array.isArray(i) ? i : [onlyInText(i)]));
}

const show = (v: unknown): string => (v === null || v === '' ? '(none)' : JSON.stringify(v));

/** Differences of KEY=VALUE style settings (Env, Labels), one line per key. */
function keyedDifferences(what: string, a: Map<string, string>, b: Map<string, string>): string[] {
  const out: string[] = [];
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = a.get(key);
    const y = b.get(key);
    if (x === y) continue;
    const value = (v: string | undefined): string => (v === undefined ? 'not set' : JSON.stringify(v));
    out.push(`${what} ${key}: ${pair(value(x), value(y))}`);
  }
  return out;
}

const envMap = (env: string[]): Map<string, string> =>
  new Map(env.map((kv) => [kv.split('=', 1)[0] ?? kv, kv.slice(kv.indexOf('=') + 1)]));

function listDifferences(what: string, a: string[], b: string[]): string[] {
  return [
    ...a.filter((x) => !b.includes(x)).map((x) => `${what}: ${x} only in legacy`),
    ...b.filter((x) => !a.includes(x)).map((x) => `${what}: ${x} only in migrated`),
  ];
}

/** Differences of the image config: what `docker run` would do differently. */
export function configDifferences(a: ImageConfig, b: ImageConfig): string[] {
  const out: string[] = [];
  for (const key of ['Entrypoint', 'Cmd', 'WorkingDir', 'User', 'StopSignal', 'Healthcheck'] as const) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) out.push(`${key}: ${pair(show(a[key]), show(b[key]))}`);
  }
  out.push(...keyedDifferences('Env', envMap(a.Env), envMap(b.Env)));
  out.push(...listDifferences('ExposedPorts', a.ExposedPorts, b.ExposedPorts));
  out.push(...listDifferences('Volumes', a.Volumes, b.Volumes));
  out.push(...keyedDifferences('Label', new Map(Object.entries(a.Labels)), new Map(Object.entries(b.Labels))));
  return out;
}

/** Every difference, config first (fewer, and usually the cause of file ones). */
export function compareSnapshots(legacy: SnapshotData, migrated: SnapshotData): string[] {
  return [...configDifferences(legacy.config, migrated.config), ...fileDifferences(legacy.entries, migrated.entries)];
}
