import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { MigrateError } from '../errors.js';
import type { RepoSource } from '../repo.js';

/** Files over this are not build scripts or Dockerfiles: refused, not parsed. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
const SKIPPED = new Set(['.git', 'node_modules']);

/**
 * The repo on disk, read lazily. Never reads outside `root`: `..` paths and symlinks that
 * lead out are refused with a message, and so are files too large or not text.
 */
export function fsRepo(root: string): RepoSource & { originalBytes(path: string): Buffer | undefined } {
  const realRoot = realpathSync(root);
  const bytes = new Map<string, Buffer | undefined>();
  let all: string[] | null = null;
  const resolve = (path: string): string => {
    const abs = join(realRoot, path);
    const rel = relative(realRoot, abs);
    if (rel.startsWith('..') || rel.startsWith(sep)) throw new MigrateError(`${path} is outside the repo`);
    return abs;
  };
  const read = (path: string): Buffer | undefined => {
    if (bytes.has(path)) return bytes.get(path);
    const abs = resolve(path);
    let data: Buffer | undefined;
    try {
      const link = lstatSync(abs);
      if (link.isSymbolicLink()) {
        const target = realpathSync(abs);
        if (relative(realRoot, target).startsWith('..')) throw new MigrateError(`${path} is a symlink that leads outside the repo`);
      }
      const stat = statSync(abs);
      if (!stat.isFile()) data = undefined;
      else if (stat.size > MAX_FILE_BYTES) throw new MigrateError(`${path} is larger than 5 MiB: not read`);
      else data = readFileSync(abs);
    } catch (err) {
      if (err instanceof MigrateError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') data = undefined;
      else throw new MigrateError(`${path} cannot be read (${code ?? 'error'})`);
    }
    bytes.set(path, data);
    return data;
  };
  return {
    readText(path) {
      const data = read(path);
      if (data === undefined) return undefined;
      if (data.includes(0)) throw new MigrateError(`${path} is not a text file`);
      return data.toString('utf8');
    },
    originalBytes: read,
    kind(path) {
      try {
        const stat = statSync(resolve(path));
        return stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : undefined;
      } catch {
        return undefined;
      }
    },
    listFiles(dir) {
      all ??= walk(realRoot, '');
      return dir === '.' ? all : all.filter((p) => p.startsWith(`${dir.replace(/\/+$/, '')}/`));
    },
  };
}

function walk(root: string, prefix: string): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(join(root, prefix), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (SKIPPED.has(entry.name)) continue;
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(root, path));
    else out.push(path);
  }
  return out;
}
