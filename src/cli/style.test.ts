import { describe, expect, it } from 'vitest';
import { chooseDiffStyle, chooseStyle } from './style.js';

const tty = true;
const pipe = false;
const coloured = (style: { red(t: string): string }) => style.red('x') !== 'x';

describe('chooseStyle (the summary on stderr)', () => {
  it('colours a terminal unless NO_COLOR is set or TERM is dumb', () => {
    expect(coloured(chooseStyle(tty, undefined, {}))).toBe(true);
    expect(coloured(chooseStyle(tty, undefined, { NO_COLOR: '1' }))).toBe(false);
    expect(coloured(chooseStyle(tty, undefined, { NO_COLOR: '' }))).toBe(true);
    expect(coloured(chooseStyle(tty, undefined, { TERM: 'dumb' }))).toBe(false);
    expect(coloured(chooseStyle(pipe, undefined, {}))).toBe(false);
  });

  it('lets FORCE_COLOR force it, and the flags decide over everything', () => {
    expect(coloured(chooseStyle(pipe, undefined, { FORCE_COLOR: '1' }))).toBe(true);
    expect(coloured(chooseStyle(pipe, undefined, { FORCE_COLOR: '0' }))).toBe(false);
    expect(coloured(chooseStyle(pipe, true, {}))).toBe(true);
    expect(coloured(chooseStyle(tty, false, { FORCE_COLOR: '1' }))).toBe(false);
  });
});

describe('chooseDiffStyle (the diff on stdout)', () => {
  it('colours only a terminal, so a redirected diff stays a clean patch', () => {
    expect(coloured(chooseDiffStyle(tty, undefined, {}))).toBe(true);
    expect(coloured(chooseDiffStyle(pipe, true, { FORCE_COLOR: '1' }))).toBe(false);
    expect(coloured(chooseDiffStyle(tty, false, {}))).toBe(false);
    expect(coloured(chooseDiffStyle(tty, undefined, { NO_COLOR: '1' }))).toBe(false);
  });
});
