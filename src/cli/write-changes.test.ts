import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileChange } from '../report/diff.js';
import { fingerprint } from '../../test/support/cli.js';
import { writeChanges } from './write-changes.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function repoWith(files: Record<string, string | Buffer>): (path: string) => Buffer | undefined {
  dir = mkdtempSync(join(tmpdir(), 'msm-write-'));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  const original = new Map(Object.keys(files).map((p) => [p, readFileSync(join(dir, p))]));
  return (path) => original.get(path);
}

const BOM_CRLF = '\ufeffFROM alpine\r\nCOPY app /app\r\n';
const CHANGES: FileChange[] = [
  { path: 'a', before: 'old a', after: 'new a' },
  { path: 'b', before: null, after: 'new b' },
  { path: 'c', before: BOM_CRLF, after: `\ufeffFROM golang AS builder\r\n${BOM_CRLF.slice(1)}` },
  { path: 'gone', before: 'x', after: null },
];

describe('writeChanges', () => {
  it('writes, creates and deletes, keeping BOM, CRLF and mode byte for byte', () => {
    const original = repoWith({ a: 'old a', c: BOM_CRLF, gone: 'x' });
    chmodSync(join(dir, 'a'), 0o755);
    writeChanges(dir, CHANGES, original);
    expect(readdirSync(dir).sort()).toEqual(['a', 'b', 'c']);
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('new a');
    expect(readFileSync(join(dir, 'c'))).toEqual(Buffer.from(CHANGES[2]!.after!, 'utf8'));
    expect(statSync(join(dir, 'a')).mode & 0o777).toBe(0o755);
  });

  for (const renames of [0, 1, 2, 3]) {
    it(`leaves the repo as it was when the write is interrupted after ${renames} of 4 steps`, () => {
      const original = repoWith({ a: 'old a', c: BOM_CRLF, gone: 'x' });
      chmodSync(join(dir, 'a'), 0o750);
      const before = fingerprint(dir);
      expect(() => writeChanges(dir, CHANGES, original, { failAfterRenames: renames })).toThrow('simulated failure');
      expect(fingerprint(dir)).toEqual(before);
      expect(readdirSync(dir).sort()).toEqual(['a', 'c', 'gone']);
    });
  }

  it('leaves the repo as it was when a real write fails, and says which file', () => {
    const original = repoWith({ a: 'old a' });
    const before = fingerprint(dir);
    const changes = [
      { path: 'a', before: 'old a', after: 'new a' },
      { path: 'no/such/folder/b', before: null, after: 'b' },
    ];
    expect(() => writeChanges(dir, changes, original)).toThrow('cannot write no/such/folder/b (ENOENT): nothing written');
    expect(fingerprint(dir)).toEqual(before);
    expect(readdirSync(dir)).toEqual(['a']);
  });

  it('refuses to write over a file that changed since it was read', () => {
    const original = repoWith({ a: 'old a' });
    writeFileSync(join(dir, 'a'), 'someone else');
    expect(() => writeChanges(dir, [{ path: 'a', before: 'old a', after: 'new a' }], original)).toThrow('a changed on disk while it was migrated: nothing written; run again');
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('someone else');
  });

  it('writes through a symlink inside the repo and keeps the link', () => {
    const original = repoWith({ 'real.Dockerfile': 'FROM a\n' });
    symlinkSync('real.Dockerfile', join(dir, 'Dockerfile'));
    mkdirSync(join(dir, 'sub'));
    writeChanges(dir, [{ path: 'Dockerfile', before: 'FROM a\n', after: 'FROM b\n' }], (p) => (p === 'Dockerfile' ? original('real.Dockerfile') : undefined));
    expect(readlinkSync(join(dir, 'Dockerfile'))).toBe('real.Dockerfile');
    expect(readFileSync(join(dir, 'real.Dockerfile'), 'utf8')).toBe('FROM b\n');
  });
});

describe('writeChanges never writes outside the repo', () => {
  it('refuses a path that leads out, or a symlink that does, before writing anything', () => {
    const original = repoWith({ a: 'old a' });
    const outside = mkdtempSync(join(tmpdir(), 'msm-outside-'));
    try {
      writeFileSync(join(outside, 'target'), 'outside\n');
      symlinkSync(join(outside, 'target'), join(dir, 'link'));
      const before = fingerprint(dir);
      expect(() => writeChanges(dir, [{ path: 'a', before: 'old a', after: 'new' }, { path: '../escape', before: null, after: 'x' }], original)).toThrow('../escape is outside the repo: nothing written');
      expect(() => writeChanges(dir, [{ path: 'link', before: 'outside\n', after: 'x' }], () => Buffer.from('outside\n'))).toThrow('link is a symlink that leads outside the repo: nothing written');
      expect(fingerprint(dir)).toEqual(before);
      expect(readFileSync(join(outside, 'target'), 'utf8')).toBe('outside\n');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
