import { describe, expect, it } from 'vitest';
import { isIgnored, parseDockerignore, rulesReachingInto } from './dockerignore.js';

const ignored = (text: string, path: string): boolean => isIgnored(parseDockerignore(text, '.dockerignore'), path);
const reaching = (text: string, folder: string): string[] => rulesReachingInto(parseDockerignore(text, '.dockerignore'), folder).map((r) => r.pattern);

describe('parseDockerignore', () => {
  it('stops, at its line, on a pattern docker build stops on', () => {
    expect(() => parseDockerignore('dist\n[z-a]\n', '.dockerignore')).toThrow('.dockerignore:2: [z-a]: a range from z down to a; docker build stops on this pattern');
    expect(() => parseDockerignore('*.log\n\nbuild/[abc\n', 'x.dockerignore')).toThrow('x.dockerignore:3: build/[abc: a [ that is not closed; docker build stops on this pattern');
    expect(() => parseDockerignore(' ! \n', '.dockerignore')).toThrow('.dockerignore:1: !: a ! with no pattern; docker build stops on this pattern');
    // Escaped, or in order, they are patterns like any other.
    expect(parseDockerignore('\\[z-a]\n[a-z]*\n[\\]]\n', '.dockerignore').map((r) => r.pattern)).toEqual(['\\[z-a]', '[a-z]*', '[\\]]']);
  });

  it('skips comments and blank lines and keeps 1-based line numbers', () => {
    const rules = parseDockerignore('# deps\nnode_modules\n\r\n  *.log  \r\n!keep.log\n', '.dockerignore');
    expect(rules.map((r) => [r.pattern, r.negated, r.line])).toEqual([
      ['node_modules', false, 2],
      ['*.log', false, 4],
      ['keep.log', true, 5],
    ]);
  });

  it('cleans patterns: leading and trailing slashes, ./ and ..', () => {
    const rules = parseDockerignore('/dist/\n./tmp\nbuild/../out\n! /kept\n', '.dockerignore');
    expect(rules.map((r) => [r.pattern, r.negated])).toEqual([
      ['dist', false],
      ['tmp', false],
      ['out', false],
      ['kept', true],
    ]);
  });
});

describe('isIgnored', () => {
  it('leaves out everything below an ignored folder', () => {
    expect(ignored('node_modules\n', 'node_modules/a/index.js')).toBe(true);
    expect(ignored('node_modules\n', 'src/index.js')).toBe(false);
  });

  it('matches a pattern without ** from the context root only', () => {
    expect(ignored('*.log\n', 'build.log')).toBe(true);
    expect(ignored('*.log\n', 'logs/build.log')).toBe(false);
  });

  it('matches **/ at any depth', () => {
    expect(ignored('**/*.log\n', 'logs/2024/build.log')).toBe(true);
    expect(ignored('**/*.log\n', 'build.log')).toBe(true);
  });

  it('lets a later ! rule bring a file back, and a later rule leave it out again', () => {
    expect(ignored('*.md\n!README.md\n', 'README.md')).toBe(false);
    expect(ignored('*.md\n!README.md\n', 'CHANGES.md')).toBe(true);
    expect(ignored('!README.md\n*.md\n', 'README.md')).toBe(true);
  });

  it('brings a file back inside an ignored folder', () => {
    const text = 'dist\n!dist/app\n';
    expect(ignored(text, 'dist/app')).toBe(false);
    expect(ignored(text, 'dist/app.map')).toBe(true);
  });
});

describe('rulesReachingInto', () => {
  it('finds rules that leave out part of a folder', () => {
    expect(reaching('dist/*.map\n', 'dist')).toEqual(['dist/*.map']);
    expect(reaching('*/cache\n', 'dist')).toEqual(['*/cache']);
    expect(reaching('**/*.map\n', 'dist')).toEqual(['**/*.map']);
    expect(reaching('dist/**\n', 'dist')).toEqual(['dist/**']);
  });

  it('ignores rules about other folders, the folder itself, the root only, and ! rules', () => {
    expect(reaching('public/*.map\n', 'dist')).toEqual([]);
    expect(reaching('*.map\n', 'dist')).toEqual([]);
    expect(reaching('dist\n', 'dist')).toEqual([]);
    expect(reaching('!dist/keep\n', 'dist')).toEqual([]);
  });

  it('finds rules about a folder nested deeper', () => {
    expect(reaching('web/dist/*.map\n', 'web/dist')).toEqual(['web/dist/*.map']);
    expect(reaching('web/*/x\n', 'web')).toEqual(['web/*/x']);
  });

  it('finds a rule with ** in the middle that reaches into a folder as deep as the rule', () => {
    const rules = parseDockerignore('build/**/*.map\n', '.dockerignore');
    expect(isIgnored(rules, 'build/web/static/app.js.map')).toBe(true);
    expect(rulesReachingInto(rules, 'build/web/static').map((r) => r.pattern)).toEqual(['build/**/*.map']);
  });
});
