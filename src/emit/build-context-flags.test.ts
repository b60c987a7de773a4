import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { memoryRepo } from '../repo.js';

const BUILDER = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n';
const RUNTIME = 'FROM alpine:3.19\nCOPY app /usr/bin/app\n';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const extraction = ['docker create --name c b', 'docker cp c:/out/app web/app', 'docker rm c'];

/** The migrated script of a repo with the builder in tool/ and the runtime in web/. */
function reduced(script: string, extra: Record<string, string> = {}): string {
  const repo = memoryRepo({ 'build.sh': script, 'tool/Dockerfile': BUILDER, 'tool/main.go': 'package main\n', 'web/Dockerfile': RUNTIME, ...extra });
  const result = migrate(repo);
  expect(result.report.status).toBe('migrated');
  return result.changes.find((c) => c.path === 'build.sh')!.after!;
}

describe('--build-context on the final build', () => {
  it("uses the builder build's own word for its context when it names a variable", () => {
    const script = lines('SRC=tool', 'docker build -t b -f "$SRC/Dockerfile" "$SRC"', ...extraction, 'docker build -t app web');
    expect(reduced(script)).toBe(lines('SRC=tool', 'docker build --build-context builder-context="$SRC" -t app web'));
  });

  it('writes the folder out when the variable is set again before the final build', () => {
    const script = lines('SRC=tool', 'docker build -t b -f "$SRC/Dockerfile" "$SRC"', ...extraction, 'SRC=web', 'docker build -t app "$SRC"');
    expect(reduced(script)).toBe(lines('SRC=tool', 'SRC=web', 'docker build --build-context builder-context=tool -t app "$SRC"'));
  });

  it('writes the folder relative to where the final build runs', () => {
    const script = lines('docker build -t b tool', ...extraction, 'cd web', 'docker build -t app .');
    expect(reduced(script)).toBe(lines('cd web', 'docker build --build-context builder-context=../tool -t app .'));
  });

  it('writes the folder out when the builder was built inside a function', () => {
    const script = lines('build_tool() {', '  docker build -t b "$1"', '}', 'build_tool tool', ...extraction, 'docker build -t app web');
    expect(reduced(script)).toContain('docker build --build-context builder-context=tool -t app web\n');
  });

  it('passes --build-arg first, then --build-context', () => {
    const script = lines('docker build --build-arg V=1 -t b tool', ...extraction, 'docker build -t app web');
    expect(reduced(script)).toBe(lines('docker build --build-arg V=1 --build-context builder-context=tool -t app web'));
  });

  it('picks a name no stage or image of the merged file uses', () => {
    const runtime = 'FROM builder-context AS base\nFROM base\nCOPY app /usr/bin/app\n';
    const script = lines('docker build -t b tool', ...extraction, 'docker build -t app web');
    const repo = memoryRepo({ 'build.sh': script, 'tool/Dockerfile': BUILDER, 'web/Dockerfile': runtime });
    const result = migrate(repo);
    expect(result.changes.find((c) => c.path === 'build.sh')!.after).toBe(lines('docker build --build-context builder-context-2=tool -t app web'));
    expect(result.changes.find((c) => c.path === 'web/Dockerfile')!.after).toContain('COPY --from=builder-context-2 . .');
  });

  it("writes the Makefile's own variable for the context on the final recipe line", () => {
    const makefile = [
      'SRC := tool',
      'image:',
      '\tdocker build -t b $(SRC)',
      '\tdocker create --name c b',
      '\tdocker cp c:/out/app web/app',
      '\tdocker rm c',
      '\tdocker build -t app web',
      '',
    ].join('\n');
    const result = migrate(memoryRepo({ Makefile: makefile, 'tool/Dockerfile': BUILDER, 'web/Dockerfile': RUNTIME }));
    expect(result.report.status).toBe('migrated');
    expect(result.changes.find((c) => c.path === 'Makefile')!.after).toBe('SRC := tool\nimage:\n\tdocker build --build-context builder-context=$(SRC) -t app web\n');
  });
});
