import { describe, expect, it } from 'vitest';
import { assignVariable } from './make-assignment.js';
import { evaluateMake, type MakeVariables } from './make-value.js';

function variables(...lines: [string, string, string][]): MakeVariables {
  const out: MakeVariables = new Map();
  for (const [name, op, value] of lines) assignVariable(out, name, op, value);
  return out;
}

describe('evaluateMake', () => {
  it('expands variables the Makefile sets, recursive ones with their latest value, $$ as $', () => {
    const vars = variables(['A', '=', '$(B)-x'], ['B', '=', 'one'], ['C', ':=', '$(B)$$HOME'], ['B', '=', 'two']);
    expect(evaluateMake('$(A) ${C} $B', vars)).toEqual({ text: 'two-x one$HOME two', depends: [] });
  });

  it('reads a variable the Makefile does not set as empty, and says it comes from the environment', () => {
    const value = evaluateMake('[$(CI)]', new Map());
    expect(value.text).toBe('[]');
    expect(value.depends).toEqual(['CI is not set in the Makefile, so it comes from the environment']);
  });

  it('takes the ?= value, and records that the environment may set it instead', () => {
    const value = evaluateMake('$(ARCH)', variables(['ARCH', '?=', 'amd64']));
    expect(value.text).toBe('amd64');
    expect(value.depends).toEqual(['ARCH is set with ?=, so the environment may set it instead']);
  });

  it('gives $(shell ...) no output and names it, also through a := variable', () => {
    const vars = variables(['OS', ':=', '$(shell uname -s)']);
    expect(evaluateMake('$(OS)', vars)).toEqual({ text: '', depends: ['$(shell uname -s) is only known when make runs'] });
    expect(evaluateMake('$(shell git rev-parse HEAD)x', new Map()).text).toBe('x');
  });

  it('a := that depends on the environment keeps its text, so recipes still see the command', () => {
    const vars = variables(['SHA', ':=', '$(shell git rev-parse HEAD)']);
    expect(vars.get('SHA')!.value).toBe('$(shell git rev-parse HEAD)');
    expect(variables(['V', ':=', 'x'], ['V', '+=', '$(W)'], ['W', '=', 'late']).get('V')!.depends).toEqual(['W is not set in the Makefile, so it comes from the environment']);
  });

  it('evaluates the text functions real Makefiles test in conditionals', () => {
    const vars = variables(['GOALS', '=', 'image push'], ['OS', '=', ' Linux ']);
    expect(evaluateMake('$(filter push,$(GOALS))|$(strip $(OS))|$(findstring nux,$(OS))|$(if $(GOALS),yes,no)', vars).text).toBe('push|Linux|nux|yes');
    expect(evaluateMake('$(filter-out %.o,a.o b.c)|$(subst .,-,1.2.3)|$(or ,,z)|$(and a,,b)', new Map()).text).toBe('b.c|1-2-3|z|');
  });

  it('names a make function it does not evaluate', () => {
    expect(evaluateMake('$(wildcard *.go)', new Map()).depends).toEqual(['$(wildcard ...) is not evaluated by the tool']);
  });

  it('stops on a variable that refers to itself', () => {
    expect(evaluateMake('$(A)', variables(['A', '=', '$(A)'])).depends).toContain('A refers to itself');
    expect(evaluateMake('$(A)', variables(['A', '=', '$(B)$(B)$(B)'], ['B', '=', '$(A)$(A)$(A)'])).depends).toContain('A refers to itself');
  });
});
