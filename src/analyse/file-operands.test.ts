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

  it('reads the files curl uploads, not its URLs and fields', () => {
    expect(fileOperands('curl', args('-F', 'file=@cover.out', '-F', 'name=x', 'https://cov.example.com/upload'))).toEqual(['cover.out']);
    expect(fileOperands('curl', args('--data-binary', '@report.xml', '-T', 'app.tgz', 'https://x'))).toEqual(['report.xml', 'app.tgz']);
  });

  it('reads every other word that is not a flag, and none of sleep', () => {
    expect(fileOperands('tar', args('czf', 'r.tgz', 'dist'))).toEqual(['czf', 'r.tgz', 'dist']);
    expect(fileOperands('sleep', args('5'))).toEqual([]);
  });
});
