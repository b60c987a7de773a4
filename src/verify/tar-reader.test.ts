import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, link, mkdir, mkdtemp, rm, symlink, writeFile, readFile, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTar, type TarEntry } from './tar-reader.js';

const sha = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex');
const longDir = `deep/${'d'.repeat(60)}/${'e'.repeat(60)}`;
const longFile = `${longDir}/${'f'.repeat(90)}.txt`;

let dir: string;
const byPath = (entries: TarEntry[]): Map<string, TarEntry> => new Map(entries.map((e) => [e.path, e]));

async function makeTar(format: string, extra: string[] = []): Promise<string> {
  const out = join(dir, `${format}.tar`);
  execFileSync('tar', ['-C', join(dir, 'root'), `--format=${format}`, '--numeric-owner', ...extra, '-cf', out, '.']);
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tar-reader-'));
  const root = join(dir, 'root');
  await mkdir(join(root, 'bin'), { recursive: true });
  await mkdir(join(root, longDir), { recursive: true });
  await writeFile(join(root, 'bin/app'), '#!/bin/sh\necho hi\n');
  await chmod(join(root, 'bin/app'), 0o4755);
  await writeFile(join(root, longFile), 'long name\n');
  await writeFile(join(root, 'big.bin'), Buffer.alloc(70_000, 7));
  await symlink('app', join(root, 'bin/link'));
  await link(join(root, 'bin/app'), join(root, 'bin/hard'));
  await mkdir(join(root, 'tmp'));
  await chmod(join(root, 'tmp'), 0o1777);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each(['gnu', 'pax', 'ustar'])('readTar (%s format)', (format) => {
  it('reads types, modes, owners, sizes, hashes and links', async () => {
    const extra = ['--owner=1000', '--group=1001'];
    const entries = byPath(await readTar(await makeTar(format, extra)));
    expect(entries.get('/')?.type).toBe('dir');
    expect(entries.get('/bin/app')).toMatchObject({ type: 'file', mode: 0o4755, uid: 1000, gid: 1001, size: 18, sha256: sha('#!/bin/sh\necho hi\n') });
    expect(entries.get('/bin/link')).toMatchObject({ type: 'symlink', linkTarget: 'app', sha256: '' });
    expect(entries.get('/tmp')).toMatchObject({ type: 'dir', mode: 0o1777 });
    expect(entries.get('/big.bin')).toMatchObject({ size: 70_000, sha256: sha(Buffer.alloc(70_000, 7)) });
    expect(entries.get(`/${longFile}`)?.sha256).toBe(sha('long name\n'));
    // tar stores the second name of a hard-linked file as a link to the first one
    const app = entries.get('/bin/app');
    const hard = entries.get('/bin/hard');
    const linked = [app, hard].find((e) => e?.type === 'hardlink');
    expect(linked?.sha256).toBe(sha('#!/bin/sh\necho hi\n'));
    expect(linked?.size).toBe(18);
  });
});

describe('readTar errors', () => {
  it('rejects a file that is not a tar archive', async () => {
    const file = join(dir, 'not.tar');
    await writeFile(file, Buffer.alloc(1024, 65));
    await expect(readTar(file)).rejects.toThrow(/not a tar archive/);
  });

  it('rejects a truncated archive', async () => {
    const file = await makeTar('gnu');
    const cut = join(dir, 'cut.tar');
    await writeFile(cut, await readFile(file));
    await truncate(cut, 2048 + 100);
    await expect(readTar(cut)).rejects.toThrow(/truncated|not a tar/);
  });

  it('reads an empty archive', async () => {
    const file = join(dir, 'empty.tar');
    await writeFile(file, Buffer.alloc(1024));
    expect(await readTar(file)).toEqual([]);
  });
});
