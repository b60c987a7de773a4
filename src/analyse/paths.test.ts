import { describe, expect, it } from 'vitest';
import { basenameOf, dirnameOf, hasTrailingSlash, repoRelative, resolveHostPath } from './paths.js';
import { REPO_ROOT, ValueTable } from './values.js';

const repo = (rel: string): string => `${REPO_ROOT}/${rel}`;

describe('resolveHostPath', () => {
  it('resolves a relative path against the current folder, . and .. included', () => {
    expect(resolveHostPath(repo('a'), 'b/./c/../d')).toBe(repo('a/b/d'));
    expect(resolveHostPath(repo('a/b'), '..')).toBe(repo('a'));
    expect(resolveHostPath(repo('a'), '.')).toBe(repo('a'));
  });

  it('gives the repo root itself for . at the root', () => {
    expect(resolveHostPath(REPO_ROOT, '.')).toBe(REPO_ROOT);
    expect(resolveHostPath(repo('sub'), '..')).toBe(REPO_ROOT);
  });

  it('keeps a trailing slash, which docker cp gives a meaning', () => {
    expect(resolveHostPath(REPO_ROOT, 'out/')).toBe(repo('out/'));
    expect(resolveHostPath(REPO_ROOT, 'out//')).toBe(repo('out/'));
  });

  it('keeps absolute host paths absolute, whatever the current folder', () => {
    expect(resolveHostPath(repo('a'), '/tmp//x/../y')).toBe('/tmp/y');
  });

  it('takes a path that already starts at the repo root as it is', () => {
    expect(resolveHostPath(repo('elsewhere'), `${REPO_ROOT}/x/../y`)).toBe(repo('y'));
  });

  it('keeps a path that starts with a value known only at run time out of the repo', () => {
    const values = new ValueTable();
    const home = values.opaque({ kind: 'unknown', text: '$HOME', at: { file: 'build.sh', line: 1 } });
    const path = resolveHostPath(repo('a'), `${home}/.m2/../.cache`);
    expect(values.describe(path)).toBe('$HOME/.cache');
    expect(repoRelative(path)).toBeNull();
  });

  it('keeps a path above the repo root visible, so it can be refused', () => {
    const above = resolveHostPath(REPO_ROOT, '../shared/out');
    expect(above.startsWith(REPO_ROOT)).toBe(true);
    expect(repoRelative(above)).toBeNull();
  });
});

describe('repoRelative', () => {
  it('gives repo-relative paths, . for the root, without trailing slashes', () => {
    expect(repoRelative(REPO_ROOT)).toBe('.');
    expect(repoRelative(repo('bin/'))).toBe('bin');
    expect(repoRelative(repo('a/b'))).toBe('a/b');
  });

  it('gives null for paths outside the repo', () => {
    expect(repoRelative('/usr/local/bin')).toBeNull();
    expect(repoRelative(repo('..'))).toBeNull();
  });
});

describe('basename, dirname and trailing slashes', () => {
  it('tells a path that names a folder by its ending', () => {
    expect([hasTrailingSlash('out/'), hasTrailingSlash('dist/.'), hasTrailingSlash('out')]).toEqual([true, true, false]);
  });

  it('gives the folder and the last name of a path', () => {
    expect(dirnameOf(repo('a/b/c'))).toBe(repo('a/b'));
    expect(dirnameOf(repo('build.sh'))).toBe(REPO_ROOT);
    expect(dirnameOf('/bin')).toBe('/');
    expect(basenameOf(repo('a/b/'))).toBe('b');
    expect(basenameOf('/usr/bin/app')).toBe('app');
  });
});
