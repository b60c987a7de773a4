import { describe, expect, it } from 'vitest';
import { interpret } from '../analyse/interpreter.js';
import { parseShell } from '../parse/shell/parse-shell.js';
import { memoryRepo } from '../repo.js';
import { makePlan, type PlanOutcome } from './make-plan.js';

const BUILDER = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o app . && cp app /go/bin/\n';

function plan(...copyLines: string[]): PlanOutcome {
  const script = ['docker build -t b -f Dockerfile.build .', 'docker create --name c b', ...copyLines, 'docker rm c', 'docker build -t app .', ''].join('\n');
  const repo = memoryRepo({ 'build.sh': script, 'Dockerfile.build': BUILDER, Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/local/bin/app\n', 'main.go': '' });
  return makePlan(interpret(parseShell(script, 'build.sh'), 'build.sh'), 'build.sh', repo);
}

const rivals = (outcome: PlanOutcome): string[] => outcome.findings.filter((f) => f.code === 'MSM004').map((f) => `${f.line} ${f.severity} ${f.message.split(',')[0]}`);

describe('rivalCopies', () => {
  it('refuses a fallback copy: which path the container held is known only when it runs', () => {
    const outcome = plan('docker cp c:/go/bin/app ./app || docker cp c:/src/app ./app');
    expect(outcome.kind).toBe('refused');
    expect(rivals(outcome)).toEqual(['3 error ./app is copied from /src/app here and from /go/bin/app on this line']);
  });

  it('refuses one path in the if and another in the else', () => {
    const outcome = plan('if [ "$DEBUG" = 1 ]; then', '  docker cp c:/go/bin/app app', 'else', '  docker cp c:/src/app app', 'fi');
    expect(rivals(outcome)).toEqual(['6 error app is copied from /src/app here and from /go/bin/app at line 4']);
  });

  it('refuses a later copy that runs only in some runs over an earlier one', () => {
    expect(rivals(plan('docker cp c:/src/app app', '[ -n "$RELEASE" ] && docker cp c:/go/bin/app app'))).toHaveLength(1);
  });

  it('takes a later copy that always runs after the earlier one: it writes over it', () => {
    expect(rivals(plan('docker cp c:/go/bin/app app', 'docker cp c:/src/app app')).length).toBe(0);
    const inBranch = plan('if [ "$1" = image ]; then', '  docker cp c:/go/bin/app app', '  docker cp c:/src/app app', 'fi');
    expect(rivals(inBranch)).toEqual([]);
  });

  it('takes copies of other files into one folder, and the same path copied again', () => {
    expect(rivals(plan('for f in app tool; do docker cp "c:/src/$f" ./; done'))).toEqual([]);
    expect(rivals(plan('until docker cp c:/src/app app; do sleep 1; done'))).toEqual([]);
  });

  it('names an image known only at run time as the script wrote it, in the message of another builder\'s copy', () => {
    const script = ['docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/src/app ./app', 'docker create --name x "$IMG"', 'docker cp x:/src/app ./app', 'docker build -t app .', ''].join('\n');
    const repo = memoryRepo({ 'build.sh': script, 'Dockerfile.build': BUILDER, Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/local/bin/app\n', 'main.go': '' });
    const messages = makePlan(interpret(parseShell(script, 'build.sh'), 'build.sh'), 'build.sh', repo).findings.map((f) => f.message);
    expect(messages).toContain('app comes from b here and from $IMG elsewhere, built differently: one builder stage cannot be both; not migrated');
    expect(messages.join('\n')).not.toMatch(/\uE001/);
  });
});
