import { closeSync, constants, type Dirent, fstatSync, lstatSync, openSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, sep } from 'node:path';
import { FolderListings } from './folder-listings.js';
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
  const realRoot = realpathSync.native(root);
  // The core asks for the same file and kind more than once; a run sees the repo as it was.
  const bytes = new Map<string, Buffer | undefined>();
  const texts = new Map<string, string | undefined>();
  const kinds = new Map<string, 'file' | 'dir' | undefined>();
  let all: string[] | null = null;
  // Each folder is resolved once: a repo's files share a handful of folders, and resolving
  // a path costs a system call for each folder on the way from /.
  const realFolders = new Map<string, string | undefined>([[realRoot, realRoot]]);
  const realFolder = (abs: string, path: string): string | undefined => {
    if (!realFolders.has(abs)) realFolders.set(abs, followedInside(realRoot, abs, path));
    return realFolders.get(abs);
  };
  const listings = new FolderListings();
  /** The path in its real folder (its last part may still be a symlink), and its folder's entry for it. */
  const locate = (path: string): Located | undefined => {
    const abs = insideRoot(realRoot, path);
    if (abs === realRoot) return { abs, entry: undefined };
    const folder = realFolder(dirname(abs), path);
    if (folder === undefined) return undefined;
    const name = basename(abs);
    return { abs: join(folder, name), entry: listings.entry(folder, name) };
  };
  const follow = (path: string) => (abs: string) => followedInside(realRoot, abs, path);
  const read = (path: string): Buffer | undefined => {
    if (!bytes.has(path)) bytes.set(path, readBytes(locate(path), path, follow(path)));
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
      if (!kinds.has(path)) kinds.set(path, kindOf(locate(path), path, follow(path)));
      return kinds.get(path);
    },
    listFiles(dir) {
      all ??= walk(realRoot, '');
      return dir === '.' ? all : all.filter((p) => p.startsWith(`${dir.replace(/\/+$/, '')}/`));
    },
  };
}

/** The absolute path of a repo-relative one; a MigrateError for one that is not in the repo. */
function insideRoot(realRoot: string, path: string): string {
  if (isAbsolute(path) || /^[A-Za-z]:/.test(path)) throw new MigrateError(`${path} is an absolute host path: only files in the repo are read`);
  const abs = join(realRoot, path);
  if (isOutside(realRoot, abs)) throw new MigrateError(`${path} is outside the repo`);
  return abs;
}

/** Follows symlinks all the way; undefined when nothing is there. */
function followedInside(realRoot: string, abs: string, path: string): string | undefined {
  let real: string;
  try {
    // realpath(3) in one call: the JS realpathSync lstats each folder on the way, for every file.
    real = realpathSync.native(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    // A symlink loop, or no permission: say so rather than treat it as missing.
    throw new MigrateError(`${path} cannot be read (${code ?? 'error'})`);
  }
  if (isOutside(realRoot, real)) throw new MigrateError(`${path} is a symlink that leads outside the repo`);
  return real;
}

interface Located {
  abs: string;
  /** From the folder's listing: null when surely not there, undefined when unknown. */
  entry: Dirent | null | undefined;
}

/** File or folder: from the folder's listing, else one lstat; a symlink is followed (and checked). */
function kindOf(located: Located | undefined, path: string, follow: (abs: string) => string | undefined): 'file' | 'dir' | undefined {
  if (located === undefined || located.entry === null) return undefined;
  const { abs, entry } = located;
  if (entry !== undefined && !entry.isSymbolicLink()) return entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : undefined;
  let stat;
  try {
    stat = lstatSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new MigrateError(`${path} cannot be read (${code ?? 'error'})`);
  }
  if (stat.isSymbolicLink()) {
    const real = follow(abs);
    if (real === undefined) return undefined;
    try {
      stat = statSync(real);
    } catch {
      return undefined;
    }
  }
  return stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : undefined;
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

/** For absolute, normalised paths (join and realpath give no other): a prefix test, not path.relative's work. */
function isOutside(realRoot: string, abs: string): boolean {
  const prefix = realRoot.endsWith(sep) ? realRoot : `${realRoot}${sep}`;
  return abs !== realRoot && !abs.startsWith(prefix);
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
