import { describe, expect, it } from 'vitest';
import type { Word } from '../parse/shell/ast.js';
import { BUILD_FLAGS, CREATE_FLAGS, parseArgs, type FlagTable } from './command-args.js';
import type { Arg } from './events.js';

/** Args as the shell would pass them: one word each. */
function args(...values: string[]): Arg[] {
  return values.map((value, i) => {
    const word: Word = { type: 'literal', value, start: i, end: i + 1 };
    return { value, word, split: false };
  });
}

function parse(table: FlagTable, ...values: string[]) {
  const parsed = parseArgs(args(...values), table);
  return {
    flags: parsed.flags.map((f) => [f.name, f.value]),
    operands: parsed.operands.map((a) => a.value),
    unknown: parsed.unknown.map((f) => [f.name, f.value]),
  };
}

describe('parseArgs', () => {
  it('reads --name value, --name=value, -n value, -nvalue and -n=value', () => {
    expect(parse(BUILD_FLAGS, '--tag', 'a', '--tag=b', '-t', 'c', '-td', '-t=e', '.')).toEqual({
      flags: [['--tag', 'a'], ['--tag', 'b'], ['-t', 'c'], ['-t', 'd'], ['-t', 'e']],
      operands: ['.'],
      unknown: [],
    });
  });

  it('keeps everything after = in a value, = signs included', () => {
    expect(parse(BUILD_FLAGS, '--build-arg=LDFLAGS=-X main.v=1', '.').flags).toEqual([['--build-arg', 'LDFLAGS=-X main.v=1']]);
  });

  it('splits combined short booleans, the last one may take a value', () => {
    expect(parse(CREATE_FLAGS, '-it', 'img').flags).toEqual([['-i', null], ['-t', null]]);
    expect(parse(BUILD_FLAGS, '-qt', 'app', '.')).toMatchObject({ flags: [['-q', null], ['-t', 'app']], operands: ['.'] });
  });

  it('reads flags after operands, as docker build does', () => {
    expect(parse(BUILD_FLAGS, '.', '-t', 'app', '-f', 'Dockerfile.build')).toEqual({
      flags: [['-t', 'app'], ['-f', 'Dockerfile.build']],
      operands: ['.'],
      unknown: [],
    });
  });

  it('stops at the first operand when the table says so (docker create IMAGE CMD...)', () => {
    expect(parse(CREATE_FLAGS, '--name', 'c', 'img', 'sh', '-c', 'make -j4')).toEqual({
      flags: [['--name', 'c']],
      operands: ['img', 'sh', '-c', 'make -j4'],
      unknown: [],
    });
  });

  it('ends flags at --, and takes a lone - as an operand', () => {
    expect(parse(BUILD_FLAGS, '-t', 'a', '--', '-weird')).toMatchObject({ operands: ['-weird'] });
    expect(parse(BUILD_FLAGS, '-t', 'a', '-')).toMatchObject({ flags: [['-t', 'a']], operands: ['-'] });
  });

  it('takes an unknown flag as a boolean, so its would-be value is an operand', () => {
    expect(parse(BUILD_FLAGS, '--frobnicate', 'x', '.')).toEqual({
      flags: [],
      operands: ['x', '.'],
      unknown: [['--frobnicate', null]],
    });
  });

  it('gives a value flag at the very end no value', () => {
    expect(parse(BUILD_FLAGS, '.', '--target').flags).toEqual([['--target', null]]);
  });

  it('remembers the words each flag came from', () => {
    const parsed = parseArgs(args('-f', 'Dockerfile.build', '--file=x'), BUILD_FLAGS);
    expect(parsed.flags.map((f) => f.args.map((a) => a.value))).toEqual([['-f', 'Dockerfile.build'], ['--file=x']]);
  });
});
