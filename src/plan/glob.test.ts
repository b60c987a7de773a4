import { describe, expect, it } from 'vitest';
import { compileGlob, hasGlob } from './glob.js';

const matches = (pattern: string, path: string, doubleStar = false): boolean => compileGlob(pattern, { doubleStar }).test(path);

describe('compileGlob (Go filepath.Match)', () => {
  it('matches * within one path segment only', () => {
    expect(matches('*.go', 'main.go')).toBe(true);
    expect(matches('*.go', 'cmd/main.go')).toBe(false);
    expect(matches('bin/*', 'bin/app')).toBe(true);
    expect(matches('bin/*', 'bin/sub/app')).toBe(false);
  });

  it('matches the whole path, not a part of it', () => {
    expect(matches('app', 'app.old')).toBe(false);
    expect(matches('bin/app', 'x/bin/app')).toBe(false);
  });

  it('matches ? as one character other than /', () => {
    expect(matches('app-?', 'app-1')).toBe(true);
    expect(matches('app-?', 'app-12')).toBe(false);
    expect(matches('a?b', 'a/b')).toBe(false);
  });

  it('matches character classes, ranges and ^ negation', () => {
    expect(matches('v[0-9].txt', 'v7.txt')).toBe(true);
    expect(matches('v[0-9].txt', 'vx.txt')).toBe(false);
    expect(matches('[abc]*', 'banana')).toBe(true);
    expect(matches('[^abc]*', 'banana')).toBe(false);
    expect(matches('[^abc]*', 'kiwi')).toBe(true);
  });

  it('reads a class as Go does: backslash escapes, and a range from high to low matches nothing', () => {
    expect(matches('[z-a]', 'm')).toBe(false);
    expect(matches('[z-ab]', 'b')).toBe(true);
    expect(matches('[^z-a]', 'm')).toBe(true);
    expect(matches('[\\-x]', '-')).toBe(true);
    expect(matches('[\\-x]', 'w')).toBe(false);
    expect(matches('[a\\d]', 'd')).toBe(true);
    expect(matches('[a\\d]', '5')).toBe(false);
    expect(matches('[\\^a]', '^')).toBe(true);
    expect(matches('[\\]]', ']')).toBe(true);
    expect(matches('[\\]]', '\\]')).toBe(false);
  });

  it('matches many wildcards in time that grows with the lengths, not exponentially', { timeout: 5_000 }, () => {
    // A backtracking regular expression took 21 s on the first and minutes on the second.
    expect(matches(`${'*a'.repeat(8)}b`, 'a'.repeat(60))).toBe(false);
    expect(matches(`${'*a'.repeat(200)}b`, 'a'.repeat(2_000))).toBe(false);
    expect(matches(`${'**a'.repeat(200)}`, `${'xa/'.repeat(300)}a`, true)).toBe(true);
    expect(matches('*'.repeat(100_000), 'a'.repeat(100))).toBe(true);
  });

  it('takes ! in a class as an ordinary character, as Go does', () => {
    expect(matches('[!a]', 'a')).toBe(true);
    expect(matches('[!a]', 'b')).toBe(false);
  });

  it('takes a backslash-escaped bracket literally', () => {
    expect(matches('\\[x]', '[x]')).toBe(true);
    expect(matches('\\[x]', 'x')).toBe(false);
  });

  it('takes a backslash-escaped * or ? literally', () => {
    expect(matches('a\\*b', 'a*b')).toBe(true);
    expect(matches('a\\*b', 'aab')).toBe(false);
    expect(matches('a\\?', 'a?')).toBe(true);
  });

  it('takes regular expression characters literally', () => {
    expect(matches('app.v1+(x)', 'app.v1+(x)')).toBe(true);
    expect(matches('a.b', 'axb')).toBe(false);
    expect(matches('$x^', '$x^')).toBe(true);
  });

  it('does not let ** cross folders without the dockerignore option', () => {
    expect(matches('**.map', 'a/b.map')).toBe(false);
  });

  it('lets ** cross any number of folders, none included, with the dockerignore option', () => {
    expect(matches('**/*.map', 'app.map', true)).toBe(true);
    expect(matches('**/*.map', 'dist/js/app.map', true)).toBe(true);
    expect(matches('dist/**', 'dist/js/app.map', true)).toBe(true);
    expect(matches('dist/**/app.map', 'dist/app.map', true)).toBe(true);
    expect(matches('**/*.map', 'dist/js/app.js', true)).toBe(false);
  });
});

describe('hasGlob', () => {
  it('tells paths with wildcards from plain ones', () => {
    expect(['*.go', 'a?', 'v[12]', 'bin/app', 'my app.txt'].map(hasGlob)).toEqual([true, true, true, false, false]);
  });
});
