import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { MigrateError } from '../errors.js';
import type { RepoSource } from '../repo.js';

/** Files over this are not build scripts or Dockerfiles: refused, not parsed. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
const SKIPPED = new Set(['.git', 'node_modules']);
// ignoreBOM keeps a BOM in the text, so that a rewrite keeps it too.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export type FsRepo = RepoSource & { originalBytes(path: string): Buffer | undefined };

/**
 * The repo on disk, read lazily. Never reads outside `root`: absolute host paths, `..` paths
 * and symlinks that lead out (the file's or a folder's on the way) are refused with a message,
 * and so are files too large or not UTF-8 text, which would not survive a rewrite byte for byte.
 */
export function fsRepo(root: string): FsRepo {
  const realRoot = realpathSync(root);
  const bytes = new Map<string, Buffer | undefined>();
  let all: string[] | null = null;
  const inside = (path: string): string | undefined => {
    const abs = insideRoot(realRoot, path);
    return abs === undefined ? undefined : followedInside(realRoot, abs, path);
  };
  const read = (path: string): Buffer | undefined => {
    if (!bytes.has(path)) bytes.set(path, readBytes(inside(path), path));
    return bytes.get(path);
  };
  return {
    readText(path) {
      const data = read(path);
      return data === undefined ? undefined : decodeText(data, path);
    },
    originalBytes: read,
    kind(path) {
      const abs = inside(path);
      if (abs === undefined) return undefined;
      try {
        const stat = statSync(abs);
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

/** The absolute path of a repo-relative one; a MigrateError for one that is not in the repo. */
function insideRoot(realRoot: string, path: string): string | undefined {
  if (isAbsolute(path) || /^[A-Za-z]:/.test(path)) throw new MigrateError(`${path} is an absolute host path: only files in the repo are read`);
  const abs = join(realRoot, path);
  if (isOutside(realRoot, abs)) throw new MigrateError(`${path} is outside the repo`);
  return abs;
}

/** Follows symlinks all the way; undefined when nothing is there. */
function followedInside(realRoot: string, abs: string, path: string): string | undefined {
  let real: string;
  try {
    real = realpathSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    // A symlink loop, or no permission: say so rather than treat it as missing.
    throw new MigrateError(`${path} cannot be read (${code ?? 'error'})`);
  }
  if (isOutside(realRoot, real)) throw new MigrateError(`${path} is a symlink that leads outside the repo`);
  return real;
}

function readBytes(abs: string | undefined, path: string): Buffer | undefined {
  if (abs === undefined) return undefined;
  try {
    const stat = statSync(abs);
    if (!stat.isFile()) return undefined;
    if (stat.size > MAX_FILE_BYTES) throw new MigrateError(`${path} is larger than 5 MiB: not read`);
    return readFileSync(abs);
  } catch (err) {
    if (err instanceof MigrateError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new MigrateError(`${path} cannot be read (${code ?? 'error'})`);
  }
}

/** UTF-8 text without NUL bytes; anything else is refused rather than parsed. */
function decodeText(data: Buffer, path: string): string {
  if (data.includes(0)) throw new MigrateError(`${path} is not a text file`);
  try {
    return UTF8.decode(data);
  } catch {
    throw new MigrateError(`${path} is not UTF-8 text: not read (a rewrite would change its bytes)`);
  }
}

function isOutside(realRoot: string, abs: string): boolean {
  const rel = relative(realRoot, abs);
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}

function walk(root: string, prefix: string): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(join(root, prefix), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (SKIPPED.has(entry.name)) continue;
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(root, path));
    else out.push(path);
  }
  return out;
}
