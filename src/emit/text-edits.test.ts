import { describe, expect, it } from 'vitest';
import { applyEdits, inCaseOf, lineEndOf, lineStartOf } from './text-edits.js';

describe('applyEdits', () => {
  it('applies edits given in any order at their places', () => {
    const text = 'COPY app /usr/bin/app';
    expect(applyEdits(text, [
      { start: 5, end: 8, text: '/out/app' },
      { start: 5, end: 5, text: '--from=builder ' },
      { start: 0, end: 4, text: 'COPY' },
    ])).toBe('COPY --from=builder /out/app /usr/bin/app');
  });

  it('keeps the given order of insertions at the same point', () => {
    expect(applyEdits('ab', [{ start: 1, end: 1, text: 'x' }, { start: 1, end: 1, text: 'y' }])).toBe('axyb');
    expect(applyEdits('ab', [{ start: 1, end: 1, text: 'y' }, { start: 1, end: 1, text: 'x' }])).toBe('ayxb');
  });

  it('puts an insertion before a replacement that starts at the same point', () => {
    expect(applyEdits('abc', [{ start: 1, end: 2, text: 'B' }, { start: 1, end: 1, text: '>' }])).toBe('a>Bc');
  });

  it('makes the same edit once, as a line the script runs twice asks for it twice', () => {
    const text = 'docker build -t b .';
    const target = { start: 12, end: 12, text: ' --target builder' };
    expect(applyEdits(text, [target, { start: 12, end: 12, text: ' --pull' }, { ...target }])).toBe('docker build --target builder --pull -t b .');
  });

  it('keeps the first of two overlapping edits', () => {
    expect(applyEdits('abcdef', [{ start: 1, end: 4, text: 'X' }, { start: 2, end: 5, text: 'Y' }])).toBe('aXef');
  });

  it('leaves the text as it is without edits, and can delete all of it', () => {
    expect(applyEdits('same\r\n', [])).toBe('same\r\n');
    expect(applyEdits('gone', [{ start: 0, end: 4, text: '' }])).toBe('');
  });
});

describe('lineStartOf and lineEndOf', () => {
  const text = 'one\ntwo\r\nthree';

  it('finds the start of the line holding an index', () => {
    expect(lineStartOf(text, text.indexOf('w'))).toBe(4);
    expect(lineStartOf(text, 0)).toBe(0);
    expect(lineStartOf(text, text.indexOf('three'))).toBe(text.indexOf('three'));
  });

  it('finds the end of the line past its line break', () => {
    expect(lineEndOf(text, 0)).toBe(4);
    expect(lineEndOf(text, text.indexOf('two'))).toBe(text.indexOf('three'));
    expect(lineEndOf(text, text.indexOf('three'))).toBe(text.length);
  });
});

describe('inCaseOf', () => {
  it('writes a keyword in the casing of the one the user wrote', () => {
    expect(inCaseOf('from', 'AS')).toBe('as');
    expect(inCaseOf('FROM', 'as')).toBe('AS');
    expect(inCaseOf('From', 'AS')).toBe('As');
    expect(inCaseOf('add', 'COPY')).toBe('copy');
    expect(inCaseOf('Add', 'COPY')).toBe('Copy');
  });
});
