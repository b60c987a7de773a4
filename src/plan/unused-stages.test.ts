import { describe, expect, it } from 'vitest';
import { interpret } from '../analyse/interpreter.js';
import { parseShell } from '../parse/shell/parse-shell.js';
import { memoryRepo } from '../repo.js';
import { makePlan } from './make-plan.js';

function unused(builder: string, target = ''): string[] {
  const script = [`docker build ${target}-t b -f Dockerfile.build .`, 'docker create --name c b', 'docker cp c:/out/app ./app', 'docker rm c', 'docker build -t app .', ''].join('\n');
  const repo = memoryRepo({ 'build.sh': script, 'Dockerfile.build': builder, Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/local/bin/app\n' });
  const outcome = makePlan(interpret(parseShell(script, 'build.sh'), 'build.sh'), 'build.sh', repo);
  return outcome.findings.filter((f) => f.code === 'MSM025').map((f) => f.message.split(';')[0]!);
}

describe('unusedStages', () => {
  const file = 'FROM golang:1.22 AS deps\nRUN go mod download\nFROM deps AS build\nRUN go build -o /out/app .\nFROM build AS test\nRUN go test ./...\n';

  it('names the stages of the builder file that the targeted stage does not need', () => {
    expect(unused(file, '--target build ')).toEqual(['the merged file has stages this image does not need: test (Dockerfile.build:5)']);
  });

  it('says nothing when every stage leads to the one built', () => {
    expect(unused(file)).toEqual([]);
    expect(unused('FROM golang:1.22 AS tools\nRUN go install x\nFROM golang:1.22\nCOPY --from=tools /go/bin/x /usr/bin/\nRUN go build -o /out/app .\n')).toEqual([]);
  });
});
