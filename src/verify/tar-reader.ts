/**
 * A streaming reader for the tar files that `docker export` / `podman export`
 * write (ustar, pax and GNU long names). It keeps no file content, only a
 * sha256 of it, so exporting a large image needs little memory.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { VerifyError } from './errors.js';
import { ByteSource } from './byte-source.js';
import { BLOCK, checksumOk, cString, isZeroBlock, normalizePath, parseHeader, parsePax, type RawHeader } from './tar-header.js';

export type EntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

export interface TarEntry {
  /** Absolute and normalized: "/", "/etc/passwd". */
  path: string;
  type: EntryType;
  /** Permission bits including setuid, setgid and sticky. */
  mode: number;
  uid: number;
  gid: number;
  /** Content size; a hard link reports the size of the file it links to. */
  size: number;
  /** sha256 of the content (hex) for files and hard links; '' otherwise. */
  sha256: string;
  /** Target of a symlink as stored, or the normalized path a hard link points to; '' otherwise. */
  linkTarget: string;
  /** Extended attributes (e.g. file capabilities), values in hex. */
  xattrs: Record<string, string>;
}

const TYPES: Record<string, EntryType> = { '0': 'file', '7': 'file', '1': 'hardlink', '2': 'symlink', '5': 'dir' };

/** Overrides that pax ('x', 'g') and GNU ('L', 'K') headers carry for the next entry. */
interface Overrides {
  path?: string;
  linkPath?: string;
  size?: number;
  uid?: number;
  gid?: number;
  xattrs: Record<string, string>;
}

function applyPax(target: Overrides, data: Buffer): void {
  for (const [key, value] of parsePax(data)) {
    if (key === 'path') target.path = value.toString('utf8');
    else if (key === 'linkpath') target.linkPath = value.toString('utf8');
    else if (key === 'size') target.size = Number(value.toString('latin1'));
    else if (key === 'uid') target.uid = Number(value.toString('latin1'));
    else if (key === 'gid') target.gid = Number(value.toString('latin1'));
    else if (key.startsWith('SCHILY.xattr.')) target.xattrs[key.slice(13)] = value.toString('hex');
  }
}

function toEntry(h: RawHeader, o: Overrides, size: number, sha256: string): TarEntry {
  const type = TYPES[h.type] ?? 'other';
  const link = o.linkPath ?? h.linkName;
  return {
    path: normalizePath(o.path ?? h.name),
    type,
    mode: h.mode,
    uid: o.uid ?? h.uid,
    gid: o.gid ?? h.gid,
    size: type === 'file' ? size : 0,
    sha256,
    linkTarget: type === 'symlink' ? link : type === 'hardlink' ? normalizePath(link) : '',
    xattrs: o.xattrs,
  };
}

/** Read the data of one member (plus padding), hashing it when it is a file. */
async function readBody(src: ByteSource, size: number, hash: boolean): Promise<string> {
  const h = hash ? createHash('sha256') : undefined;
  const got = await src.consume(size, (part) => h?.update(part));
  if (got < size) throw new VerifyError('tar archive is truncated');
  await src.consume((BLOCK - (size % BLOCK)) % BLOCK);
  return h ? h.digest('hex') : '';
}

/** Hard links get the size and hash of their target, so both spellings of one file compare equal. */
function resolveHardLinks(entries: TarEntry[]): TarEntry[] {
  const byPath = new Map(entries.map((e) => [e.path, e]));
  return entries.map((e) => {
    const target = e.type === 'hardlink' ? byPath.get(e.linkTarget) : undefined;
    return target ? { ...e, size: target.size, sha256: target.sha256 } : e;
  });
}

export async function readTarStream(source: AsyncIterable<Buffer>): Promise<TarEntry[]> {
  const src = ByteSource.from(source);
  const entries: TarEntry[] = [];
  const global: Overrides = { xattrs: {} };
  let next: Overrides = { xattrs: {} };
  for (;;) {
    const block = await src.read(BLOCK);
    if (block.length === 0 || isZeroBlock(block)) break;
    if (block.length < BLOCK || !checksumOk(block)) throw new VerifyError('not a tar archive, or a damaged one (bad header)');
    const h = parseHeader(block);
    const size = h.type === 'x' || h.type === 'g' ? h.size : (next.size ?? global.size ?? h.size);
    if ('xgLK'.includes(h.type)) {
      const data = await src.read(size);
      await src.consume((BLOCK - (size % BLOCK)) % BLOCK);
      if (h.type === 'x') applyPax(next, data);
      else if (h.type === 'g') applyPax(global, data);
      else if (h.type === 'L') next.path = cString(data);
      else next.linkPath = cString(data);
      continue;
    }
    const sha = await readBody(src, size, TYPES[h.type] === 'file');
    entries.push(toEntry(h, { ...global, ...next, xattrs: { ...global.xattrs, ...next.xattrs } }, size, sha));
    next = { xattrs: {} };
  }
  return resolveHardLinks(entries);
}

/** Entries of the tar file at `file`, in archive order. */
export function readTar(file: string): Promise<TarEntry[]> {
  return readTarStream(createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>);
}
