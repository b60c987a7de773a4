import { describe, expect, it } from 'vitest';
import { assignVariable } from './make-assignment.js';
import { evaluateCondition, parseDirective, type MakeCondition } from './make-conditional.js';
import type { MakeVariables } from './make-value.js';

function condition(line: string): MakeCondition {
  const directive = parseDirective(line);
  if (directive?.kind !== 'if') throw new Error(`not an if: ${line}`);
  return directive.condition;
}

const vars: MakeVariables = new Map();
assignVariable(vars, 'PROFILE', ':=', 'release');
assignVariable(vars, 'EMPTY', '=', '');

describe('parseDirective', () => {
  it('reads the four tests in both ifeq forms, with trailing comments', () => {
    expect(condition('ifeq ($(PROFILE),release) # the default').operands).toEqual(['$(PROFILE)', 'release']);
    expect(condition('ifneq "$(PROFILE)" \'debug\'').operands).toEqual(['$(PROFILE)', 'debug']);
    expect(condition('  ifdef CI').keyword).toBe('ifdef');
    expect(condition('ifndef DOCKER_HOST').operands).toEqual(['DOCKER_HOST']);
    expect(condition('ifeq ($(filter a,b),)').operands).toEqual(['$(filter a,b)', '']);
  });

  it('reads else, else with a test, and endif; other lines are not directives', () => {
    expect(parseDirective('else')).toEqual({ kind: 'else', condition: null });
    expect(parseDirective('else ifeq ($(A),b)')).toMatchObject({ kind: 'else', condition: { keyword: 'ifeq', operands: ['$(A)', 'b'] } });
    expect(parseDirective('endif # PROFILE')).toEqual({ kind: 'endif' });
    expect(parseDirective('ifeqx = 1')).toBeNull();
    expect(parseDirective('endif_target: dep')).toBeNull();
  });

  it('rejects what make rejects', () => {
    expect(() => parseDirective('ifeq (a,b,c)')).toThrow('invalid syntax in ifeq');
    expect(() => parseDirective('ifdef A B')).toThrow('ifdef takes one variable name');
    expect(() => parseDirective('else foo')).toThrow('extra text after else');
  });
});

describe('evaluateCondition', () => {
  it('decides tests on values the Makefile sets, as make trims the sides', () => {
    expect(evaluateCondition(condition('ifeq ($(PROFILE), release)'), vars)).toEqual({ holds: true, depends: [] });
    expect(evaluateCondition(condition('ifneq "$(PROFILE)" "release"'), vars).holds).toBe(false);
    expect(evaluateCondition(condition('ifdef PROFILE'), vars)).toEqual({ holds: true, depends: [] });
    expect(evaluateCondition(condition('ifdef EMPTY'), vars).holds).toBe(false);
  });

  it('reads a test on the environment as with an empty environment, and says so', () => {
    expect(evaluateCondition(condition('ifdef CI'), vars)).toEqual({ holds: false, depends: ['CI is not set in the Makefile, so it comes from the environment'] });
    expect(evaluateCondition(condition('ifndef CI'), vars).holds).toBe(true);
    const shell = evaluateCondition(condition('ifeq ($(shell uname),Darwin)'), vars);
    expect(shell).toEqual({ holds: false, depends: ['$(shell uname) is only known when make runs'] });
  });
});
