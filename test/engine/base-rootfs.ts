/**
 * Root filesystem of the test base image: busybox with its applets, the files
 * under base/rootfs (users, toolchain stand-ins) and the folders samples expect.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTar, type TarInput } from './tar-writer.js';

const OVERLAY = fileURLToPath(new URL('./base/rootfs', import.meta.url));

const DIRS: Array<[string, number, number?]> = [
  ['bin', 0o755], ['dev', 0o755], ['etc', 0o755], ['etc/apk', 0o755], ['etc/nginx', 0o755], ['etc/nginx/conf.d', 0o755],
  ['home', 0o755], ['home/app', 0o755, 1000], ['proc', 0o755], ['root', 0o700], ['run', 0o755], ['sbin', 0o755],
  ['sys', 0o755], ['tmp', 0o1777], ['usr', 0o755], ['usr/bin', 0o755], ['usr/sbin', 0o755], ['usr/local', 0o755],
  ['usr/local/bin', 0o755], ['usr/local/lib', 0o755], ['usr/local/lib/stand-in', 0o755], ['usr/share', 0o755],
  ['usr/share/nginx', 0o755], ['usr/share/nginx/html', 0o755], ['var', 0o755], ['var/lib', 0o755],
  ['var/lib/stand-in', 0o755], ['var/tmp', 0o1777],
];

/** Second names of stand-ins. */
const ALIASES: Array<[string, string]> = [['usr/local/bin/gcc', 'cc'], ['usr/local/bin/apt', 'apt-get']];

/** The image has no C library: a dynamically linked busybox would not start in it. */
function assertStatic(elf: Buffer, path: string): void {
  const PT_INTERP = 3;
  const phoff = Number(elf.readBigUInt64LE(0x20));
  const size = elf.readUInt16LE(0x36);
  for (let i = 0; i < elf.readUInt16LE(0x38); i++) {
    if (elf.readUInt32LE(phoff + i * size) === PT_INTERP) throw new Error(`${path} is not statically linked; install busybox-static`);
  }
}

async function overlayFiles(dir = OVERLAY): Promise<TarInput[]> {
  const out: TarInput[] = [];
  for (const d of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, d.name);
    if (d.isDirectory()) out.push(...(await overlayFiles(full)));
    else {
      const path = relative(OVERLAY, full);
      out.push({ path, type: 'file', mode: path.startsWith('usr/local/bin/') ? 0o755 : 0o644, content: await readFile(full) });
    }
  }
  return out;
}

function applets(busybox: string): TarInput[] {
  const list = execFileSync(busybox, ['--list-full'], { encoding: 'utf8' }).split('\n');
  return list
    .filter((p) => p !== '' && p !== 'bin/busybox' && p !== 'linuxrc')
    .map((path) => ({ path, type: 'symlink', mode: 0o777, target: '/bin/busybox' }));
}

/** The archive and a hash of it (the cache key of the built image). */
export async function baseRootfs(busybox: string): Promise<{ tar: Buffer; hash: string }> {
  const binary = await readFile(busybox);
  assertStatic(binary, busybox);
  const entries: TarInput[] = [
    ...DIRS.map(([path, mode, owner]): TarInput => ({ path, type: 'dir', mode, uid: owner ?? 0, gid: owner ?? 0 })),
    { path: 'bin/busybox', type: 'file', mode: 0o755, content: binary },
    ...applets(busybox),
    ...(await overlayFiles()).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    ...ALIASES.map(([path, target]): TarInput => ({ path, type: 'symlink', mode: 0o777, target })),
  ];
  const tar = writeTar(entries);
  return { tar, hash: createHash('sha256').update(tar).digest('hex') };
}
