import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MigrateError } from '../errors.js';
import { migrate } from '../migrate.js';
import { findRepos } from './find-repos.js';
import { fsRepo, MAX_FILE_BYTES } from './fs-repo.js';

let base = '';
let repo = '';
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'msm-fsrepo-'));
  repo = join(base, 'repo');
  mkdirSync(repo);
  writeFileSync(join(base, 'secret'), 'outside the repo\n');
  mkdirSync(join(base, 'elsewhere'));
  writeFileSync(join(base, 'elsewhere', 'Dockerfile'), 'FROM scratch\n');
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(MigrateError);
    return (err as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('fsRepo never reads outside the repo', () => {
  it('refuses .. paths and absolute host paths', () => {
    const r = fsRepo(repo);
    expect(refusal(() => r.readText('../secret'))).toBe('../secret is outside the repo');
    expect(refusal(() => r.readText('a/../../secret'))).toBe('a/../../secret is outside the repo');
    expect(refusal(() => r.readText('/etc/hostname'))).toBe('/etc/hostname is an absolute host path: only files in the repo are read');
    expect(refusal(() => r.kind('..'))).toBe('.. is outside the repo');
  });

  it('refuses a symlink out, whether the file or a folder on the way is the link', () => {
    symlinkSync(join(base, 'secret'), join(repo, 'Dockerfile'));
    symlinkSync(join(base, 'elsewhere'), join(repo, 'docker'));
    const r = fsRepo(repo);
    expect(refusal(() => r.readText('Dockerfile'))).toBe('Dockerfile is a symlink that leads outside the repo');
    expect(refusal(() => r.readText('docker/Dockerfile'))).toBe('docker/Dockerfile is a symlink that leads outside the repo');
    expect(refusal(() => r.kind('docker'))).toBe('docker is a symlink that leads outside the repo');
  });

  it('reads a symlink that stays inside, and a name that starts with two dots', () => {
    writeFileSync(join(repo, 'real.Dockerfile'), 'FROM alpine\n');
    symlinkSync('real.Dockerfile', join(repo, 'Dockerfile'));
    writeFileSync(join(repo, '..hidden'), 'x\n');
    const r = fsRepo(repo);
    expect(r.readText('Dockerfile')).toBe('FROM alpine\n');
    expect(r.readText('..hidden')).toBe('x\n');
    expect(r.readText('missing')).toBeUndefined();
  });

  it('follows a chain of symlinks inside, through a linked folder, and says so of a loop', () => {
    mkdirSync(join(repo, 'docker'));
    writeFileSync(join(repo, 'docker', 'build.Dockerfile'), 'FROM golang\n');
    symlinkSync('docker', join(repo, 'ci'));
    symlinkSync('ci/build.Dockerfile', join(repo, 'Dockerfile.build'));
    symlinkSync('loop-b', join(repo, 'loop-a'));
    symlinkSync('loop-a', join(repo, 'loop-b'));
    const r = fsRepo(repo);
    expect(r.readText('Dockerfile.build')).toBe('FROM golang\n');
    expect(r.readText('ci/build.Dockerfile')).toBe('FROM golang\n');
    expect(r.kind('ci')).toBe('dir');
    expect(refusal(() => r.readText('loop-a'))).toBe('loop-a cannot be read (ELOOP)');
  });

  it('checks a linked folder deeper down as it does one at the top, and reads through plain folders', () => {
    mkdirSync(join(repo, 'deploy', 'docker'), { recursive: true });
    writeFileSync(join(repo, 'deploy', 'docker', 'Dockerfile'), 'FROM alpine\n');
    symlinkSync(join(base, 'elsewhere'), join(repo, 'deploy', 'out'));
    symlinkSync('docker', join(repo, 'deploy', 'in'));
    writeFileSync(join(repo, 'deploy', 'notes'), 'a file, not a folder\n');
    const r = fsRepo(repo);
    expect(r.readText('deploy/docker/Dockerfile')).toBe('FROM alpine\n');
    expect(r.readText('deploy/in/Dockerfile')).toBe('FROM alpine\n');
    expect(refusal(() => r.readText('deploy/out/Dockerfile'))).toBe('deploy/out/Dockerfile is a symlink that leads outside the repo');
    expect(r.readText('deploy/notes/Dockerfile')).toBeUndefined();
    expect(r.readText('deploy/missing/Dockerfile')).toBeUndefined();
    expect(r.kind('deploy/missing/docker')).toBeUndefined();
  });

  it('does not wait on a named pipe, and reads no folder as a file', () => {
    execFileSync('mkfifo', [join(repo, 'build.fifo')]);
    mkdirSync(join(repo, 'docker'));
    const r = fsRepo(repo);
    expect(r.readText('build.fifo')).toBeUndefined();
    expect(r.readText('docker')).toBeUndefined();
    expect(r.kind('build.fifo')).toBeUndefined();
  });
});

describe('fsRepo refuses what it cannot rewrite faithfully', () => {
  it('a file over 5 MiB, a binary file, and bytes that are not UTF-8', () => {
    writeFileSync(join(repo, 'huge.sh'), Buffer.alloc(MAX_FILE_BYTES + 1, 0x61));
    writeFileSync(join(repo, 'binary'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]));
    writeFileSync(join(repo, 'latin1.sh'), Buffer.from('echo "gr\xfc\xdfe"\n', 'latin1'));
    const r = fsRepo(repo);
    expect(refusal(() => r.readText('huge.sh'))).toBe('huge.sh is larger than 5 MiB: not read');
    expect(refusal(() => r.readText('binary'))).toBe('binary is not a text file');
    expect(refusal(() => r.readText('latin1.sh'))).toBe('latin1.sh is not UTF-8 text: not read (a rewrite would change its bytes)');
  });

  it('keeps a BOM and CRLF in the text', () => {
    writeFileSync(join(repo, 'Dockerfile'), '\ufeffFROM alpine\r\n');
    expect(fsRepo(repo).readText('Dockerfile')).toBe('\ufeffFROM alpine\r\n');
  });

  it('a binary or unreadable file beside the build script does not stop the search for it', () => {
    mkdirSync(join(repo, 'scripts'));
    writeFileSync(join(repo, 'scripts', 'image.sh'), '#!/bin/sh\ndocker build -t b -f Dockerfile.build .\ndocker create --name x b\ndocker cp x:/app ./app\ndocker rm x\ndocker build -t a .\n');
    writeFileSync(join(repo, 'Dockerfile.build'), 'FROM alpine\nRUN echo hi > /app\n');
    writeFileSync(join(repo, 'Dockerfile'), 'FROM alpine\nCOPY app /app\n');
    writeFileSync(join(repo, 'tool'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00]));
    symlinkSync(join(base, 'secret'), join(repo, 'LICENSE'));
    expect(migrate(fsRepo(repo)).report.status).toBe('migrated');
  });
});

describe('fsRepo with what a search read of it', () => {
  it('reads the search\'s listing and script bytes, and still checks what those do not cover', () => {
    const script = '#!/bin/sh\ndocker create --name x b\ndocker cp x:/app ./app\n';
    writeFileSync(join(repo, 'build.sh'), script);
    writeFileSync(join(repo, 'huge.sh'), Buffer.alloc(MAX_FILE_BYTES + 1, 0x61));
    symlinkSync(join(base, 'elsewhere'), join(repo, 'docker'));
    const [found] = findRepos(repo);
    // Changed after the search: the run reads the repo as the search found it.
    writeFileSync(join(repo, 'build.sh'), 'echo changed\n');
    writeFileSync(join(repo, 'Dockerfile'), 'FROM alpine\n');
    const r = fsRepo(found!.dir, found!.prelisted);
    expect(r.readText('build.sh')).toBe(script);
    expect(r.kind('Dockerfile')).toBeUndefined();
    expect(refusal(() => r.readText('huge.sh'))).toBe('huge.sh is larger than 5 MiB: not read');
    expect(refusal(() => r.readText('docker/Dockerfile'))).toBe('docker/Dockerfile is a symlink that leads outside the repo');
  });
});
