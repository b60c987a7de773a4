/**
 * A minimal ustar writer for the base image's root filesystem. Writing the
 * archive ourselves fixes owners, modes and times (mtime 0), so the base image
 * is the same on every machine, without depending on the host's tar flags.
 */
export interface TarInput {
  path: string;
  type: 'file' | 'dir' | 'symlink';
  mode: number;
  uid?: number;
  gid?: number;
  content?: Buffer;
  target?: string;
}

const BLOCK = 512;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(e: TarInput, size: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  const name = e.type === 'dir' ? `${e.path}/` : e.path;
  if (Buffer.byteLength(name) > 100) throw new Error(`tar-writer: name too long: ${name}`);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(e.mode, 8), 100, 'latin1');
  h.write(octal(e.uid ?? 0, 8), 108, 'latin1');
  h.write(octal(e.gid ?? 0, 8), 116, 'latin1');
  h.write(octal(size, 12), 124, 'latin1');
  h.write(octal(0, 12), 136, 'latin1');
  h.write(' '.repeat(8), 148, 'latin1');
  h.write({ file: '0', dir: '5', symlink: '2' }[e.type], 156, 'latin1');
  h.write(e.target ?? '', 157, 100, 'utf8');
  h.write('ustar\0' + '00', 257, 'latin1');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

export function writeTar(entries: readonly TarInput[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const content = e.type === 'file' ? (e.content ?? Buffer.alloc(0)) : Buffer.alloc(0);
    parts.push(header(e, content.length), content, Buffer.alloc((BLOCK - (content.length % BLOCK)) % BLOCK));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}
