import { describe, expect, it } from 'vitest';
import { interpret } from '../analyse/interpreter.js';
import { parseDockerfile } from '../parse/dockerfile/parse-dockerfile.js';
import { parseShell } from '../parse/shell/parse-shell.js';
import { memoryRepo } from '../repo.js';
import { workdirOf } from './container-workdir.js';
import { makePlan, type PlanOutcome } from './make-plan.js';

function plan(run: string, builder: string, runtime = 'FROM alpine:3.19\nCOPY app /usr/local/bin/app\n'): PlanOutcome {
  const script = ['docker build -t b -f Dockerfile.build .', run, 'docker build -t app .', ''].join('\n');
  const repo = memoryRepo({ 'build.sh': script, 'Dockerfile.build': builder, Dockerfile: runtime });
  return makePlan(interpret(parseShell(script, 'build.sh'), 'build.sh'), 'build.sh', repo);
}

const sources = (outcome: PlanOutcome): string[] => (outcome.kind === 'plan' ? outcome.plan.artifacts.map((a) => a.builderPath) : outcome.findings.map((f) => `${f.code} ${f.line}`));

describe('resolveRunPaths', () => {
  const builder = 'FROM golang:1.22\nWORKDIR /go/src/app\nCOPY . .\nRUN go build -o bin/app .\n';

  it("reads a relative path in docker run's command from the image's WORKDIR, or from -w", () => {
    expect(sources(plan('docker run --rm b cat bin/app > app', builder))).toEqual(['/go/src/app/bin/app']);
    expect(sources(plan('docker run --rm -w /go/src/app/bin b cat app > app', builder))).toEqual(['/go/src/app/bin/app']);
    const tar = plan('mkdir -p dist\ndocker run --rm b tar -c -C bin . | tar -x -C dist', builder, 'FROM alpine:3.19\nCOPY dist/ /opt/app/\n');
    expect(sources(tar)).toEqual(['/go/src/app/bin']);
  });

  it('refuses a relative path when only the base image knows the working folder', () => {
    const outcome = plan('docker run --rm b cat bin/app > app', 'FROM golang:1.22\nRUN go build -o bin/app .\n');
    expect(outcome.kind).toBe('refused');
    expect(outcome.findings.find((f) => f.code === 'MSM001')?.message).toBe('bin/app is relative to the working folder of b, which Dockerfile.build does not set to a path known here (a WORKDIR from a variable, or relative to the base image\'s); write the full path, or pass -w, and run the tool again');
  });
});

describe('workdirOf', () => {
  const stage = (text: string, index = 0): string | null => workdirOf(parseDockerfile(text, 'Dockerfile'), index);

  it('follows WORKDIR, relative ones included, and the stage a stage starts from', () => {
    expect(stage('FROM a\nWORKDIR /src\nWORKDIR app/../cmd\n')).toBe('/src/cmd');
    expect(stage('FROM a AS build\nWORKDIR /src\nFROM build\nWORKDIR out\n', 1)).toBe('/src/out');
    expect(stage('FROM a\nWORKDIR app\n')).toBeNull();
    expect(stage('FROM a\nWORKDIR /src\nWORKDIR $DIR\n')).toBeNull();
  });
});
