import { describe, expect, it } from 'vitest';
import { interpret } from '../analyse/interpreter.js';
import { parseShell } from '../parse/shell/parse-shell.js';
import { memoryRepo } from '../repo.js';
import { makePlan, type PlanOutcome } from './make-plan.js';
import { commandName } from '../analyse/command-name.js';

function plan(...between: string[]): PlanOutcome {
  const script = ['docker build -t b -f Dockerfile.build .', 'CID=$(docker create --name c b)', 'docker cp c:/out/app app', ...between, 'docker rm c', 'docker build -t app .', ''].join('\n');
  const repo = memoryRepo({ 'build.sh': script, 'Dockerfile.build': 'FROM golang:1.22\nRUN go build -o /out/app .\n', Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/local/bin/app\n' });
  return makePlan(interpret(parseShell(script, 'build.sh'), 'build.sh'), 'build.sh', repo);
}

const removedNames = (outcome: PlanOutcome): string[] => (outcome.kind === 'plan' ? [...outcome.plan.removed].map(commandName) : []);
const errors = (outcome: PlanOutcome): string[] => outcome.findings.filter((f) => f.code === 'MSM051').map((f) => `${f.line} ${f.message.split(', which')[0]}`);

describe('commands on the extraction container', () => {
  it('removes a docker logs, inspect or wait of it whose output the user reads', () => {
    const outcome = plan('docker logs c', 'docker container inspect "$CID"', 'docker wait c');
    expect(errors(outcome)).toEqual([]);
    expect(removedNames(outcome)).toEqual(expect.arrayContaining(['docker logs', 'docker inspect', 'docker wait']));
  });

  it('refuses one whose output the script keeps, in a file or a value', () => {
    expect(errors(plan('docker logs c > build.log'))).toEqual(['4 docker logs writes to a file what it reads from the container c']);
    expect(errors(plan('STATUS=$(docker inspect -f "{{.State.ExitCode}}" "$CID")'))).toEqual(['4 docker inspect gives a value read from the container made at line 2']);
  });

  it('refuses a command that needs the container itself', () => {
    expect(errors(plan('docker commit c b:done'))).toEqual(['4 docker commit uses the container c']);
    expect(errors(plan('docker exec c ls'))).toEqual(['4 docker exec uses the container c']);
  });

  it('leaves commands on other containers alone', () => {
    const outcome = plan('docker logs db');
    expect(errors(outcome)).toEqual([]);
    expect(removedNames(outcome)).not.toContain('docker logs');
  });
});
