import { describe, expect, it } from 'vitest';
import { interpret } from '../analyse/interpreter.js';
import { parseShell } from '../parse/shell/parse-shell.js';
import { memoryRepo } from '../repo.js';
import { makePlan } from './make-plan.js';

function volumeFindings(builder: string, run = 'docker run --name c b go build -o /out/app .'): string[] {
  const script = ['docker build -t b -f Dockerfile.build .', run, 'docker cp c:/out/app ./app', 'docker rm c', 'docker build -t app .', ''].join('\n');
  const repo = memoryRepo({ 'build.sh': script, 'Dockerfile.build': builder, Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/local/bin/app\n' });
  const outcome = makePlan(interpret(parseShell(script, 'build.sh'), 'build.sh'), 'build.sh', repo);
  return outcome.findings.filter((f) => f.code === 'MSM007').map((f) => `${f.line} ${f.message.split(':')[0]}`);
}

describe('volumeWrites', () => {
  it("refuses files a docker run wrote under a VOLUME of the builder's Dockerfile: a RUN step's writes there are dropped", () => {
    expect(volumeFindings('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nVOLUME ["/out"]\n')).toEqual(['3 /out/app is under VOLUME /out (Dockerfile.build']);
    expect(volumeFindings('FROM golang:1.22 AS base\nVOLUME /out/\nFROM base\nCOPY . .\n')).toHaveLength(1);
  });

  it('takes a VOLUME elsewhere, and files the Dockerfile itself made', () => {
    expect(volumeFindings('FROM golang:1.22\nVOLUME /cache\n')).toEqual([]);
    expect(volumeFindings('FROM golang:1.22\nRUN go build -o /out/app .\nVOLUME /out\n', 'docker create --name c b')).toEqual([]);
  });
});
