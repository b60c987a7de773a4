import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Prelisted } from './prelisted.js';
import { type Located, RepoPaths } from './repo-paths.js';
import { MigrateError } from '../errors.js';
import type { RepoSource } from '../repo.js';

/** Files over this are not build scripts or Dockerfiles: refused, not parsed. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
const SKIPPED = new Set(['.git', 'node_modules']);
// ignoreBOM keeps a BOM in the text, so that a rewrite keeps it too.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export type FsRepo = RepoSource & { originalBytes(path: string): Buffer | undefined };

/**
 * The repo on disk, read lazily. Never reads outside `root` (see RepoPaths); files too large
 * or not UTF-8 text, which would not survive a rewrite byte for byte, are refused with a message.
 * `prelisted`: what a search already read of it, not read again.
 */
export function fsRepo(root: string, prelisted?: Prelisted): FsRepo {
  const paths = new RepoPaths(root, prelisted);
  // The core asks for the same file and kind more than once; a run sees the repo as it was.
  const bytes = new Map<string, Buffer | undefined>();
  const texts = new Map<string, string | undefined>();
  const kinds = new Map<string, 'file' | 'dir' | undefined>();
  let all: string[] | null = null;
  const read = (path: string): Buffer | undefined => {
    if (!bytes.has(path)) {
      const located = paths.locate(path);
      // Only a plain file is kept by the search: a symlink is read here, and checked.
      const early = located?.entry?.isFile() ? prelisted?.files.get(located.abs) : undefined;
      bytes.set(path, early ?? readBytes(located, path, (abs) => paths.followed(abs, path)));
    }
    return bytes.get(path);
  };
  return {
    readText(path) {
      if (!texts.has(path)) {
        const data = read(path);
        texts.set(path, data === undefined ? undefined : decodeText(data, path));
      }
      return texts.get(path);
    },
    originalBytes: read,
    kind(path) {
      if (!kinds.has(path)) kinds.set(path, paths.kind(path));
      return kinds.get(path);
    },
    listFiles(dir) {
      all ??= walk(paths, '');
      return dir === '.' ? all : all.filter((p) => p.startsWith(`${dir.replace(/\/+$/, '')}/`));
    },
  };
}

// Non-blocking, so that a named pipe is seen for what it is rather than waited on.
const READ = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * The bytes of a file in a real folder. A symlink there is followed (and checked) only when
 * opening without following fails: a plain file costs no lstat. Where the system has no
 * O_NOFOLLOW, every path is checked first.
 */
function readBytes(located: Located | undefined, path: string, follow: (abs: string) => string | undefined): Buffer | undefined {
  if (located === undefined || located.entry === null) return undefined;
  const { abs, entry } = located;
  if (entry !== undefined && !entry.isSymbolicLink() && !entry.isFile()) return undefined;
  let fd: number | undefined;
  try {
    if (constants.O_NOFOLLOW === undefined) fd = openFollowed(follow(abs));
    else {
      try {
        fd = openSync(abs, READ | constants.O_NOFOLLOW);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ELOOP') throw err;
        fd = openFollowed(follow(abs));
      }
    }
    if (fd === undefined) return undefined;
    const stat = fstatSync(fd);
    if (!stat.isFile()) return undefined;
    if (stat.size > MAX_FILE_BYTES) throw new MigrateError(`${path} is larger than 5 MiB: not read`);
    return readFileSync(fd);
  } catch (err) {
    if (err instanceof MigrateError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw new MigrateError(`${path} cannot be read (${code ?? 'error'})`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function openFollowed(abs: string | undefined): number | undefined {
  return abs === undefined ? undefined : openSync(abs, READ);
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

/** Every file below the root, in name order, not following symlinked folders. */
function walk(paths: RepoPaths, prefix: string): string[] {
  const out: string[] = [];
  for (const entry of paths.entries(prefix ? join(paths.realRoot, prefix) : paths.realRoot)) {
    if (SKIPPED.has(entry.name)) continue;
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(paths, path));
    else out.push(path);
  }
  return out;
}
