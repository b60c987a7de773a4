import { describe, expect, it } from 'vitest';
import { VarMap } from './var-map.js';

describe('VarMap', () => {
  it('undoes the writes since a mark and says what they left', () => {
    const vars = new VarMap([['A', '1']]);
    vars.mark();
    vars.set('A', '2');
    vars.set('B', 'x');
    vars.set('A', '3');
    expect([...vars.undo()]).toEqual([['A', '3'], ['B', 'x']]);
    expect(vars.get('A')).toBe('1');
    expect(vars.get('B')).toBeUndefined();
  });

  it('nests: an inner undo leaves the outer mark as if nothing had happened', () => {
    const vars = new VarMap([['A', '1']]);
    vars.mark();
    vars.mark();
    vars.set('A', 'inner');
    vars.undo();
    vars.set('C', 'outer');
    expect([...vars.undo()]).toEqual([['C', 'outer']]);
    expect(vars.get('A')).toBe('1');
  });

  it('copies the values alone: later writes do not reach the copy', () => {
    const vars = new VarMap([['A', '1']]);
    vars.mark();
    const copy = vars.snapshot();
    vars.set('A', '2');
    expect(copy.get('A')).toBe('1');
    expect(() => copy.undo()).toThrow();
  });
});
