import { describe, expect, it } from 'vitest';
import { parseMakefile, sourceOf, type Makefile } from './parse-makefile.js';
import { recipeScript } from './recipe-script.js';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

function read(text: string, files: Record<string, string> = {}, flipped: string[] = []): Makefile {
  return parseMakefile(text, 'Makefile', { readText: (p) => files[p], flipped: new Set(flipped) });
}

function recipe(makefile: Makefile, target: string): { file: string; line: number; command: string }[] {
  const rule = makefile.rules.find((r) => r.targets.includes(target))!;
  return rule.recipe.map((r) => {
    const { source, line } = sourceOf(makefile, r.line);
    return { file: source.path, line, command: r.command };
  });
}

describe('parseMakefile: conditionals', () => {
  const text = lines(
    'PROFILE := release',
    'ifeq ($(PROFILE),release)',
    '  FLAGS = --release',
    'else ifeq ($(PROFILE),bench)',
    '  FLAGS = --profile bench',
    'else',
    '  FLAGS =',
    'endif',
    'image:',
    '\tcargo build $(FLAGS)',
    'ifneq ($(FLAGS),)',
    '\tstrip target/app',
    'ifdef CI',
    '\techo ci',
    'endif',
    'else',
    '\techo debug',
    'endif',
    '\tdocker build .',
  );

  it('takes the branch make takes, for variables and for recipe lines, nested, at their own lines', () => {
    const makefile = read(text);
    expect(makefile.variables.get('FLAGS')!.value).toBe('--release');
    expect(recipe(makefile, 'image')).toEqual([
      { file: 'Makefile', line: 10, command: 'cargo build $(FLAGS)' },
      { file: 'Makefile', line: 12, command: 'strip target/app' },
      { file: 'Makefile', line: 19, command: 'docker build .' },
    ]);
  });

  it('records only the tests that depend on the environment, and reads one the other way when asked', () => {
    const makefile = read(text);
    expect(makefile.environmentConditionals.map((c) => [c.key, c.condition.text, c.holds])).toEqual([['Makefile:13', 'ifdef CI', false]]);
    expect(recipe(read(text, {}, ['Makefile:13']), 'image').map((r) => r.line)).toEqual([10, 12, 14, 19]);
  });

  it('ignores a conditional inside an untaken branch, and a define body', () => {
    const makefile = read(lines('ifdef NOPE', 'ifeq ($(shell uname),Darwin)', 'X = 1', 'endif', 'endif', 'define HELP', 'image: not a rule', '\tnot a recipe', 'endef', 'all:', '\techo $(HELP)'));
    expect(makefile.environmentConditionals.map((c) => c.key)).toEqual(['Makefile:1']);
    expect(makefile.rules.map((r) => r.targets)).toEqual([['all']]);
    expect(makefile.variables.get('HELP')!.value).toBe('image: not a rule\n\tnot a recipe');
  });

  it('says where a conditional is not closed or not opened', () => {
    expect(() => read(lines('all:', 'ifdef CI', '\techo'))).toThrow('Makefile:2: conditional without endif');
    expect(() => read(lines('X = 1', 'endif'))).toThrow('Makefile:2: endif without a conditional');
    expect(() => read(lines('ifdef A', 'else', 'else', 'endif'))).toThrow('Makefile:3: a second else in one conditional');
    expect(() => read(lines('define X', 'y'))).toThrow('Makefile:1: define without endef');
    // Thousands of nested references end the stack before make's reading: a message, not a crash.
    expect(() => read(lines('all:', '', `X := ${'$(x'.repeat(20_000)}${')'.repeat(20_000)}`))).toThrow('Makefile:3: the Makefile nests too deep to read');
    expect(() => read(lines('all:', `ifeq (${'${x:-'.repeat(20_000)}${'}'.repeat(20_000)},)`, 'endif'))).toThrow('Makefile:2: the Makefile nests too deep to read');
  });

  it('ends a value or a rule line at a comment, keeps the blanks before it, and reads \\# as #', () => {
    const makefile = read(lines('BUILDER := acme/app-builder # compile image', 'NOTE = issue \\#12', 'image: bin/app # the image', '\tdocker build -t app . # stays the shell\'s', 'fast: ; echo a # the shell\'s too'));
    expect(makefile.variables.get('BUILDER')!.value).toBe('acme/app-builder ');
    expect(makefile.variables.get('NOTE')!.value).toBe('issue #12');
    expect(makefile.rules.find((r) => r.targets.includes('image'))!.prerequisites).toEqual(['bin/app']);
    expect(recipe(makefile, 'image').map((r) => r.command)).toEqual(["docker build -t app . # stays the shell's"]);
    expect(recipe(makefile, 'fast').map((r) => r.command)).toEqual(["echo a # the shell's too"]);
  });

  it('keeps export and override assignments, and exports names', () => {
    const makefile = read(lines('export VERSION := 1.4', 'override IMAGE = app', 'export IMAGE', 'TAG = x', 'unexport TAG'));
    expect(makefile.variables.get('VERSION')!.value).toBe('1.4');
    expect(makefile.variables.get('IMAGE')!.value).toBe('app');
    expect([...makefile.exported]).toEqual(['VERSION', 'IMAGE']);
  });
});

describe('parseMakefile: special targets', () => {
  it('notes .ONESHELL, and keeps special targets out of the rules', () => {
    const makefile = read(lines('.ONESHELL:', '.PHONY: image', 'image:', '\techo a'));
    expect(makefile.oneShell).toBe(true);
    expect(makefile.rules.map((r) => r.targets)).toEqual([['image']]);
    expect(read(lines('image:', '\techo a')).oneShell).toBe(false);
  });
});

describe('parseMakefile: include', () => {
  it('reads included files in place, with their own file and line numbers', () => {
    const files = { 'mk/vars.mk': lines('NAME = site'), 'mk/docker.mk': lines('# images', 'image:', '\tdocker build -t $(NAME) .') };
    const makefile = read(lines('DIR = mk', 'include $(DIR)/vars.mk $(DIR)/docker.mk', 'test:', '\tnpm test'), files);
    expect(makefile.sources.map((s) => s.path)).toEqual(['Makefile', 'mk/vars.mk', 'mk/docker.mk']);
    expect(recipe(makefile, 'image')).toEqual([{ file: 'mk/docker.mk', line: 3, command: 'docker build -t $(NAME) .' }]);
    expect(recipe(makefile, 'test')).toEqual([{ file: 'Makefile', line: 4, command: 'npm test' }]);
    const script = recipeScript(makefile, 'Makefile', 'image').text.split('\n');
    expect(script[makefile.rules[0]!.recipe[0]!.line - 1]).toBe('( docker build -t site . ); }');
  });

  it('stops at a missing include with file:line, and skips a missing -include or sinclude', () => {
    expect(() => read(lines('# settings', 'include settings.mk'))).toThrow('Makefile:2: include settings.mk: no such file in the repo');
    expect(read(lines('-include .env', 'sinclude local.mk', 'X = 1')).variables.get('X')!.value).toBe('1');
  });

  it('reads .env files as make does, and a nested missing include names the included file', () => {
    const makefile = read(lines('-include .env', 'all:', '\techo $(TOKEN_FILE)'), { '.env': lines('# local settings', 'TOKEN_FILE=secrets/token') });
    expect(makefile.variables.get('TOKEN_FILE')!.value).toBe('secrets/token');
    expect(() => read(lines('include a.mk'), { 'a.mk': lines('', 'include b.mk') })).toThrow('a.mk:2: include b.mk: no such file in the repo');
  });

  it('refuses paths out of the repo, names only the environment decides, and files that include themselves', () => {
    expect(() => read(lines('include ../common.mk'))).toThrow('Makefile:1: include ../common.mk: the path leads outside the repo; not followed');
    expect(() => read(lines('-include /etc/defaults.mk'))).toThrow('the path leads outside the repo');
    expect(() => read(lines('-include $(HOME)/.buildrc'))).toThrow('Makefile:1: include $(HOME)/.buildrc: the file name depends on what make only knows when it runs (HOME is not set in the Makefile, so it comes from the environment); not followed');
    expect(() => read(lines('include a.mk'), { 'a.mk': lines('include a.mk') })).toThrow('a.mk:1: include a.mk: the file includes itself');
  });

  it('follows an include only in the branch make takes', () => {
    const files = { 'ci.mk': lines('X = ci') };
    const text = (mode: string): string => lines(`MODE = ${mode}`, 'ifeq ($(MODE),ci)', 'include ci.mk', 'else', 'include missing.mk', 'endif');
    expect(read(text('ci'), files).variables.get('X')!.value).toBe('ci');
    expect(() => read(text('local'), files)).toThrow('Makefile:5: include missing.mk: no such file in the repo');
  });
});
