import { describe, expect, it } from 'vitest';
import { ignoredBy, parseGitignore } from './gitignore.js';

const rules = parseGitignore(['# build output', 'dist/', '*.log', '/vendor', 'docs/**/generated', '!keep.log', 'a?c', '[bc]uild', '\\#hash', 'trailing   ', ''].join('\n'));
const ignored = (path: string, isDir = true) => ignoredBy(rules, path, isDir) ?? false;

describe('.gitignore rules', () => {
  it('a trailing slash matches folders only, at any depth', () => {
    expect(ignored('dist')).toBe(true);
    expect(ignored('svc/dist')).toBe(true);
    expect(ignored('dist', false)).toBe(false);
  });

  it('a leading slash anchors to the .gitignore folder', () => {
    expect(ignored('vendor')).toBe(true);
    expect(ignored('svc/vendor')).toBe(false);
  });

  it('globs, ** and negation', () => {
    expect(ignored('x.log', false)).toBe(true);
    expect(ignored('keep.log', false)).toBe(false);
    expect(ignored('docs/generated')).toBe(true);
    expect(ignored('docs/a/b/generated')).toBe(true);
    expect(ignored('abc')).toBe(true);
    expect(ignored('abbc')).toBe(false);
    expect(ignored('build')).toBe(true);
    expect(ignored('guild')).toBe(false);
    expect(ignored('#hash', false)).toBe(true);
    expect(ignored('trailing')).toBe(true);
  });

  it('skips a line that matches nothing in git (a range from high to low), not the whole file', () => {
    const odd = parseGitignore('[z-a]\nvendor/\n');
    expect(ignoredBy(odd, 'vendor', true)).toBe(true);
    expect(ignoredBy(odd, 'm', true)).toBeUndefined();
  });

  it('says nothing about a path no rule names', () => {
    expect(ignoredBy(rules, 'src', true)).toBeUndefined();
  });
});
