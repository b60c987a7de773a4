import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprint, ROOT, runCli, scratchCopy } from './support/cli.js';

const scratch: (() => void)[] = [];
afterEach(() => scratch.splice(0).forEach((remove) => remove()));

function hrefCounter(): string {
  const copy = scratchCopy(join(ROOT, 'samples', 'href-counter'));
  scratch.push(copy.remove);
  return copy.dir;
}

/** Exit 2, the one line expected, and the repo byte for byte as it was. */
function expectRefused(dir: string, args: string[], message: string): void {
  const before = fingerprint(dir);
  const run = runCli(['--write', dir, ...args]);
  expect(run.code).toBe(2);
  expect(run.stderr).toBe(`${message}\n`);
  expect(fingerprint(dir)).toEqual(before);
}

describe('--write reads and writes nothing outside the repo', () => {
  it('refuses a script named outside it', () => {
    const dir = hrefCounter();
    expectRefused(dir, ['--script', '../outside.sh'], '../outside.sh is outside the repo');
    expectRefused(dir, ['--script', '/etc/profile'], '/etc/profile is an absolute host path: only files in the repo are read');
  });

  it('refuses a build script over 5 MiB, one with NUL bytes, and one that is not UTF-8', () => {
    const dir = hrefCounter();
    writeFileSync(join(dir, 'build.sh'), `#!/bin/sh\n${'# padding\n'.repeat(600_000)}`);
    expectRefused(dir, [], 'build.sh is larger than 5 MiB: not read');
    writeFileSync(join(dir, 'build.sh'), '#!/bin/sh\ndocker cp x:/a \0 b\n');
    expectRefused(dir, [], 'build.sh is not a text file');
    writeFileSync(join(dir, 'build.sh'), Buffer.from('#!/bin/sh\necho "Gr\xfc\xdfe"\ndocker cp x:/a b\n', 'latin1'));
    expectRefused(dir, [], 'build.sh is not UTF-8 text: not read (a rewrite would change its bytes)');
  });
});

describe('--write keeps what it does not change', () => {
  it('the mode, CRLF line endings and BOM of the files it rewrites', () => {
    const dir = hrefCounter();
    const crlf = (path: string, bom = '') => writeFileSync(join(dir, path), bom + textOf(dir, path).replace(/\n/g, '\r\n'));
    crlf('Dockerfile', '\ufeff');
    crlf('Dockerfile.build');
    chmodSync(join(dir, 'Dockerfile'), 0o640);
    const run = runCli(['--write', dir]);
    expect(run.code).toBe(0);
    const text = textOf(dir, 'Dockerfile');
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(statSync(join(dir, 'Dockerfile')).mode & 0o777).toBe(0o640);
  });
});

function textOf(dir: string, path: string): string {
  return readFileSync(join(dir, path), 'utf8');
}
