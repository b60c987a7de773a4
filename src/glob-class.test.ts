import { describe, expect, it } from 'vitest';
import { charStep, classEnd, classRanges, classStep } from './glob-class.js';

const accepts = (body: string, ch: string, bangNegates = false): boolean => {
  const step = classStep(body, { bangNegates });
  return step.kind === 'one' && step.cls !== null && step.cls.test(ch);
};

describe('classRanges', () => {
  it('lists single characters and ranges, escapes read as the character, and says whether it negates', () => {
    expect(classRanges('a-c\\]x', { bangNegates: false })).toEqual({ negated: false, ranges: [['a', 'c'], [']', ']'], ['x', 'x']] });
    expect(classRanges('^z-a', { bangNegates: false })).toEqual({ negated: true, ranges: [['z', 'a']] });
    expect(classRanges('!a', { bangNegates: false }).negated).toBe(false);
    expect(classRanges('!a', { bangNegates: true })).toEqual({ negated: true, ranges: [['a', 'a']] });
  });
});

describe('classStep', () => {
  it('accepts what the class names, and a range from high to low accepts nothing', () => {
    expect(accepts('a-c', 'b')).toBe(true);
    expect(accepts('a-c', 'd')).toBe(false);
    expect(accepts('z-a', 'm')).toBe(false);
    expect(accepts('z-ab', 'b')).toBe(true);
    expect(accepts('^z-a', 'm')).toBe(true);
    expect(accepts('!a', 'b', true)).toBe(true);
    expect(accepts('!a', 'a', true)).toBe(false);
    expect(accepts('\\-', '-')).toBe(true);
    expect(accepts('\\^', '^')).toBe(true);
  });
});

describe('classEnd', () => {
  it('finds the ] that closes the class: not an escaped one, not one right after [', () => {
    expect(classEnd('[abc]d', 0)).toBe(4);
    expect(classEnd('[\\]]', 0)).toBe(3);
    expect(classEnd('[]a]', 0)).toBe(3);
    expect(classEnd('[abc', 0)).toBe(-1);
  });
});

describe('charStep', () => {
  it('takes a class, an escaped character or the character itself, and says where it ended', () => {
    expect(charStep('a[bc]d', 1, { bangNegates: false })).toMatchObject([{ kind: 'one' }, 4]);
    expect(charStep('a\\*b', 1, { bangNegates: false })).toEqual([{ kind: 'char', ch: '*' }, 2]);
    expect(charStep('[abc', 0, { bangNegates: false })).toEqual([{ kind: 'char', ch: '[' }, 0]);
    expect(charStep('x', 0, { bangNegates: false })).toEqual([{ kind: 'char', ch: 'x' }, 0]);
  });
});
