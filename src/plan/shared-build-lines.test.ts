import { describe, expect, it } from 'vitest';
import { interpret } from '../analyse/interpreter.js';
import { parseShell } from '../parse/shell/parse-shell.js';
import { memoryRepo } from '../repo.js';
import { makePlan } from './make-plan.js';

function findings(lines: string[]): string[] {
  const script = [...lines, ''].join('\n');
  const repo = memoryRepo({
    'build.sh': script,
    'Dockerfile.build': 'FROM golang:1.22\nARG VERSION\nRUN go build -o /out/app\n',
    Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/bin/app\n',
    'Dockerfile.alpine': 'FROM alpine:3.19\nARG VERSION\nLABEL version=$VERSION\n',
  });
  return makePlan(interpret(parseShell(script, 'build.sh'), 'build.sh'), 'build.sh', repo).findings.filter((f) => f.code === 'MSM023').map((f) => `${f.line} ${f.message}`);
}

const BUILDER = ['docker build --build-arg VERSION=2.0 -t b -f Dockerfile.build .', 'docker create --name x b', 'docker cp x:/out/app ./app', 'docker rm x'];
const FN = ['build_image() {', '  docker build -t "acme/app:$1" -f "$2" .', '}'];

describe('sharedBuildLines', () => {
  it('refuses flags for a final build whose line in a function also builds another image', () => {
    expect(findings([...FN, ...BUILDER, 'build_image latest Dockerfile', 'build_image alpine Dockerfile.alpine'])).toEqual([
      '2 this docker build line also builds acme/app:alpine through another call of build_image: the flags the final build now needs would reach that build too; not migrated (give the final image a docker build line of its own)',
    ]);
  });

  it('leaves a function that builds the final image alone, or that needs no flags', () => {
    expect(findings([...FN, ...BUILDER, 'build_image latest Dockerfile'])).toEqual([]);
    expect(findings([...FN, ...BUILDER.map((l) => l.replace('--build-arg VERSION=2.0 ', '')), 'build_image latest Dockerfile', 'build_image alpine Dockerfile.alpine'])).toEqual([]);
  });
});
