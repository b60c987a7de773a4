import { describe, expect, it } from 'vitest';
import { globOf, type GlobStep } from './glob-match.js';

const c = (text: string): GlobStep[] => [...text].map((ch) => ({ kind: 'char', ch }));
const test = (steps: GlobStep[], path: string): boolean => globOf(steps).test(path);

describe('globOf', () => {
  it('matches the whole path, character by character', () => {
    expect(test(c('app'), 'app')).toBe(true);
    expect(test(c('app'), 'app.old')).toBe(false);
    expect(test(c('app'), 'ap')).toBe(false);
    expect(test([], '')).toBe(true);
  });

  it('a star takes any run without /, and may take nothing', () => {
    const steps: GlobStep[] = [...c('bin/'), { kind: 'star' }, ...c('.so')];
    expect(test(steps, 'bin/.so')).toBe(true);
    expect(test(steps, 'bin/libx.so')).toBe(true);
    expect(test(steps, 'bin/x/y.so')).toBe(false);
  });

  it('any takes any run, / included', () => {
    expect(test([{ kind: 'any' }, ...c('.map')], 'a/b/c.map')).toBe(true);
    expect(test([{ kind: 'any' }, ...c('.map')], 'a/b/c.js')).toBe(false);
  });

  it('dirs takes nothing, or a run that ends in /', () => {
    const steps: GlobStep[] = [{ kind: 'dirs' }, ...c('tmp')];
    expect(test(steps, 'tmp')).toBe(true);
    expect(test(steps, 'a/tmp')).toBe(true);
    expect(test(steps, 'a/b/tmp')).toBe(true);
    expect(test(steps, 'atmp')).toBe(false);
  });

  it('one takes a character its class accepts; without a class, any but /', () => {
    expect(test([{ kind: 'one', cls: null }], 'x')).toBe(true);
    expect(test([{ kind: 'one', cls: null }], '/')).toBe(false);
    expect(test([{ kind: 'one', cls: /^[0-9]$/ }], '7')).toBe(true);
    expect(test([{ kind: 'one', cls: /^[0-9]$/ }], 'x')).toBe(false);
  });

  it('follows many stars in time that grows with the lengths', { timeout: 5_000 }, () => {
    const steps: GlobStep[] = [];
    for (let i = 0; i < 500; i++) steps.push({ kind: 'star' }, ...c('a'));
    expect(test([...steps, ...c('b')], 'a'.repeat(5_000))).toBe(false);
    expect(test(steps, 'a'.repeat(5_000))).toBe(true);
  });
});
