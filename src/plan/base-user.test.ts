import { describe, expect, it } from 'vitest';
import { interpret } from '../analyse/interpreter.js';
import { parseShell } from '../parse/shell/parse-shell.js';
import { memoryRepo } from '../repo.js';
import { makePlan, type PlanOutcome } from './make-plan.js';

function plan(script: string, files: Record<string, string>): PlanOutcome {
  const repo = memoryRepo({ 'build.sh': script, Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/local/bin/app\n', ...files });
  return makePlan(interpret(parseShell(script, 'build.sh'), 'build.sh'), 'build.sh', repo);
}

const extract = 'docker build -t b -f Dockerfile.build .\ndocker create --name c b\ndocker cp c:/out/app ./app\ndocker rm c\ndocker build -t app .\n';
const chown = (outcome: PlanOutcome): boolean | string => (outcome.kind === 'plan' ? outcome.plan.builders.find((b) => b.stageName === 'builder')!.chown : outcome.findings.map((f) => f.message).join('; '));

describe('baseUserReasons', () => {
  it('gives root the files of a builder FROM an image whose default user is not known here', () => {
    expect(chown(plan(extract, { 'Dockerfile.build': 'FROM circleci/golang:1.9\nRUN go build -o /out/app .\n' }))).toBe(true);
    expect(chown(plan(extract, { 'Dockerfile.build': 'FROM docker.io/library/golang:1.22\nRUN go build -o /out/app .\n' }))).toBe(false);
    expect(chown(plan(extract, { 'Dockerfile.build': 'FROM ${BASE}\nRUN go build -o /out/app .\n' }))).toBe(true);
  });

  it('follows a base image the script builds to its own USER', () => {
    const script = `docker build -t acme/base -f base.Dockerfile .\n${extract}`;
    const builder = 'FROM acme/base\nRUN go build -o /out/app .\n';
    expect(chown(plan(script, { 'Dockerfile.build': builder, 'base.Dockerfile': 'FROM golang:1.22\nRUN useradd -u 1500 b\nUSER b\n' }))).toBe(true);
    expect(chown(plan(script, { 'Dockerfile.build': builder, 'base.Dockerfile': 'FROM golang:1.22\nRUN apt-get update\n' }))).toBe(false);
  });

  it("refuses a docker run whose words are options of an image's unknown ENTRYPOINT", () => {
    const outcome = plan('docker run --rm -v "$PWD":/src klakegg/hugo:0.54.0 --minify\ndocker build -t site .\n', { Dockerfile: 'FROM nginx:1.25\nCOPY public /usr/share/nginx/html\n' });
    expect(outcome.findings.filter((f) => f.code === 'MSM007').map((f) => f.message)).toEqual(["docker run klakegg/hugo:0.54.0 --minify: the words go to the image's ENTRYPOINT, which is not known here; not migrated"]);
  });

  it("refuses a docker run whose first word is a document, an argument of the image's unknown ENTRYPOINT", () => {
    const outcome = plan('docker run --rm -v "$PWD":/data pandoc/core:3.1 README.md -s -o site/index.html\ndocker build -t site .\n', { Dockerfile: 'FROM nginx:1.25\nCOPY site /usr/share/nginx/html\n', 'README.md': '' });
    expect(outcome.findings.filter((f) => f.code === 'MSM007').map((f) => f.message)).toEqual(["docker run pandoc/core:3.1 README.md: the words go to the image's ENTRYPOINT, which is not known here; not migrated"]);
    // A program of the image is run as given.
    expect(plan('docker run --rm -v "$PWD":/src -w /src golang:1.22 go build -o app .\ndocker build -t app .\n', { Dockerfile: 'FROM alpine\nCOPY app /app\n' }).findings.filter((f) => f.code === 'MSM007')).toEqual([]);
  });
});
