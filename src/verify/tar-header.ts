/** Decoding of the 512-byte header blocks of ustar, pax and GNU tar archives. */
import { posix } from 'node:path';

export const BLOCK = 512;

export interface RawHeader {
  name: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** Type flag; NUL (old tar) is reported as '0'. */
  type: string;
  linkName: string;
}

/** A NUL-terminated string field. */
export function cString(b: Buffer, start = 0, length = b.length - start): string {
  const field = b.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString('utf8');
}

/** A numeric field: octal text, or GNU base-256 when the high bit of the first byte is set. */
export function numeric(b: Buffer, start: number, length: number): number {
  const field = b.subarray(start, start + length);
  if (((field[0] ?? 0) & 0x80) !== 0) {
    let n = (field[0] ?? 0) & 0x7f;
    for (const byte of field.subarray(1)) n = n * 256 + byte;
    return n;
  }
  const text = cString(field).trim();
  return text === '' ? 0 : Number.parseInt(text, 8);
}

export function isZeroBlock(b: Buffer): boolean {
  return b.every((byte) => byte === 0);
}

/** The header checksum counts its own field as eight spaces. */
export function checksumOk(b: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (b[i] ?? 0);
  return sum === numeric(b, 148, 8);
}

export function parseHeader(b: Buffer): RawHeader {
  const name = cString(b, 0, 100);
  // Only POSIX ustar has a name prefix; GNU tar keeps other data in that place.
  const ustar = b.subarray(257, 263).toString('latin1') === 'ustar\0';
  const prefix = ustar ? cString(b, 345, 155) : '';
  const flag = String.fromCharCode(b[156] ?? 0);
  return {
    name: prefix === '' ? name : `${prefix}/${name}`,
    mode: numeric(b, 100, 8) & 0o7777,
    uid: numeric(b, 108, 8),
    gid: numeric(b, 116, 8),
    size: numeric(b, 124, 12),
    type: flag === '\0' ? '0' : flag,
    linkName: cString(b, 157, 100),
  };
}

/** Records of a pax extended header: "LENGTH key=value\n", LENGTH in bytes. */
export function parsePax(data: Buffer): Map<string, Buffer> {
  const records = new Map<string, Buffer>();
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    const length = Number.parseInt(data.subarray(pos, space).toString('latin1'), 10);
    if (space === -1 || !Number.isFinite(length) || length <= 0) break;
    const record = data.subarray(space + 1, pos + length - 1);
    const eq = record.indexOf(0x3d);
    if (eq !== -1) records.set(record.subarray(0, eq).toString('utf8'), record.subarray(eq + 1));
    pos += length;
  }
  return records;
}

/** "./usr/bin/" -> "/usr/bin"; the root is "/". */
export function normalizePath(p: string): string {
  const n = posix.normalize(`/${p}`);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}
