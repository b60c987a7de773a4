import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeChanges } from './write-changes.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function repoWith(files: Record<string, string>): (path: string) => Buffer | undefined {
  dir = mkdtempSync(join(tmpdir(), 'msm-write-'));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  const original = new Map(Object.keys(files).map((p) => [p, readFileSync(join(dir, p))]));
  return (path) => original.get(path);
}

describe('writeChanges', () => {
  it('writes, creates and deletes', () => {
    const original = repoWith({ a: 'old a', gone: 'x' });
    writeChanges(dir, [
      { path: 'a', before: 'old a', after: 'new a' },
      { path: 'b', before: null, after: 'new b' },
      { path: 'gone', before: 'x', after: null },
    ], original);
    expect(readdirSync(dir).sort()).toEqual(['a', 'b']);
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('new a');
  });

  it('leaves the repo as it was when a write fails half way', () => {
    const original = repoWith({ a: 'old a', c: 'old c\r\n', gone: 'x' });
    const changes = [
      { path: 'a', before: 'old a', after: 'new a' },
      { path: 'b', before: null, after: 'new b' },
      { path: 'c', before: 'old c\r\n', after: 'new c' },
      { path: 'gone', before: 'x', after: null },
    ];
    expect(() => writeChanges(dir, changes, original, { failAfterRenames: 2 })).toThrow('simulated failure');
    expect(readdirSync(dir).sort()).toEqual(['a', 'c', 'gone']);
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('old a');
    expect(readFileSync(join(dir, 'c'), 'utf8')).toBe('old c\r\n');
  });
});
