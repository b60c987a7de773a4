import { describe, expect, it } from 'vitest';
import { readWithEnvironment } from './environment-branches.js';
import { parseMakefile } from './parse-makefile.js';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

function findings(text: string, target?: string): string[] {
  const read = (flipped: ReadonlySet<string>) => parseMakefile(text, 'Makefile', { readText: () => undefined, flipped });
  return readWithEnvironment(read, 'Makefile', target).findings.map((f) => `${f.severity} ${f.code} ${f.file}:${f.line}: ${f.message}`);
}

const extraction = ['\tdocker build -t b -f $(BUILDER) .', '\tdocker create --name c b', '\tdocker cp c:/out/app dist/app', '\tdocker rm c', '\tdocker build -t app .'];

describe('readWithEnvironment', () => {
  it('refuses a test on $(shell ...) whose other branch picks another builder Dockerfile', () => {
    const text = lines('ifeq ($(shell uname -m),aarch64)', 'BUILDER = Dockerfile.arm64', 'else', 'BUILDER = Dockerfile.build', 'endif', 'image:', ...extraction);
    expect(findings(text)).toEqual([
      'error MSM026 Makefile:1: ifeq ($(shell uname -m),aarch64): $(shell uname -m) is only known when make runs, and its other branch changes what make image runs (docker build -t b -f Dockerfile.arm64 .); not migrated',
    ]);
  });

  it('refuses a test on the environment whose other branch changes a command on the copied files', () => {
    const text = lines('BUILDER = Dockerfile.build', 'image:', ...extraction.slice(0, 4), 'ifdef RELEASE', '\tstrip dist/app', 'endif', extraction[4]!);
    expect(findings(text)).toEqual([
      'error MSM026 Makefile:7: ifdef RELEASE: RELEASE is not set in the Makefile, so it comes from the environment, and its other branch changes what make image runs (strip dist/app); not migrated',
    ]);
  });

  it('refuses a ?= test whose other branch changes the target make runs', () => {
    const text = lines('BUILDER = Dockerfile.build', 'MODE ?= image', 'ifeq ($(MODE),image)', 'all: image', 'else', 'all: test', 'endif', 'test:', '\tgo test ./...', 'image:', ...extraction);
    expect(findings(text, 'all')[0]).toContain('error MSM026 Makefile:3: ifeq ($(MODE),image): MODE is set with ?=, so the environment may set it instead, and its other branch changes what make all runs');
  });

  it('records the reading when the other branch only echoes, pushes or sets what the recipes do not use', () => {
    const text = lines('BUILDER = Dockerfile.build', 'ifeq ($(shell uname),Darwin)', 'OPEN = open', 'endif', 'image:', ...extraction, 'ifdef CI', '\t@echo built dist/app', '\tdocker push app', 'endif');
    expect(findings(text)).toEqual([
      'info MSM026 Makefile:2: ifeq ($(shell uname),Darwin): $(shell uname) is only known when make runs; read as make reads it with an empty environment (false): the other branch changes no command the migration works on',
      'info MSM026 Makefile:11: ifdef CI: CI is not set in the Makefile, so it comes from the environment; read as make reads it with an empty environment (false): the other branch changes no command the migration works on',
    ]);
  });

  it('refuses when the other branch cannot be read', () => {
    const text = lines('BUILDER = Dockerfile.build', 'ifdef CI', 'include ci.mk', 'endif', 'image:', ...extraction);
    expect(findings(text)).toEqual(['error MSM026 Makefile:2: ifdef CI: CI is not set in the Makefile, so it comes from the environment, and read the other way, make stops: Makefile:3: include ci.mk: no such file in the repo; not migrated']);
  });
});
