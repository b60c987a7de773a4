import { describe, expect, it } from 'vitest';
import type { Arg } from './events.js';
import { fileOperands } from './file-operands.js';

const args = (...words: string[]): Arg[] => words.map((value) => ({ value, word: { type: 'literal', value, start: 0, end: 0 }, split: false }));

describe('fileOperands', () => {
  it('reads test and [ operands as files only after a file operator', () => {
    expect(fileOperands('[', args('master', '=', 'master', ']'))).toEqual([]);
    expect(fileOperands('test', args('-f', 'dist/app', '-a', '-n', 'x'))).toEqual(['dist/app']);
  });

  it('reads git operands as files only for the subcommands that take them', () => {
    expect(fileOperands('git', args('rev-parse', '--short', 'HEAD'))).toEqual([]);
    expect(fileOperands('git', args('tag', 'v1.0'))).toEqual([]);
    expect(fileOperands('git', args('add', '-f', 'dist/'))).toEqual(['dist/']);
  });

  it('names the files curl uploads and the one it writes, not its URLs and fields', () => {
    expect(fileOperands('curl', args('-F', 'file=@cover.out', '-F', 'name=x', 'https://cov.example.com/upload'))).toEqual(['cover.out']);
    expect(fileOperands('curl', args('--data-binary', '@report.xml', '-T', 'app.tgz', 'https://x'))).toEqual(['report.xml', 'app.tgz']);
    // The file it downloads to is named too: it may land beside extracted files.
    expect(fileOperands('curl', args('-fsSL', '-o', 'bin/jq', 'https://x/jq'))).toEqual(['bin/jq']);
    expect(fileOperands('curl', args('https://x/jq', '--output', 'bin/jq'))).toEqual(['bin/jq']);
  });

  it('reads every other word that is not a flag, and none of sleep', () => {
    expect(fileOperands('tar', args('czf', 'r.tgz', 'dist'))).toEqual(['czf', 'r.tgz', 'dist']);
    expect(fileOperands('sleep', args('5'))).toEqual([]);
  });
});
