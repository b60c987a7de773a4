import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { memoryRepo } from '../repo.js';
import type { Finding, Severity } from '../warnings.js';
import { sortFindings } from './build-report.js';

function f(severity: Severity, file: string, line: number, code = 'MSM001', message = 'm'): Finding {
  return { code, severity, file, line, message };
}

const where = (findings: Finding[]): string[] => findings.map((x) => `${x.severity} ${x.file}:${x.line}`);

describe('sortFindings', () => {
  it('puts errors first, then warnings, then infos', () => {
    expect(where(sortFindings([f('info', 'a', 1, 'MSM002'), f('warning', 'a', 1, 'MSM003'), f('error', 'z', 9)]))).toEqual(['error z:9', 'warning a:1', 'info a:1']);
  });

  it('orders findings of one severity by file, then by line as a number', () => {
    expect(where(sortFindings([f('warning', 'build.sh', 10), f('warning', 'Dockerfile', 2), f('warning', 'build.sh', 9)]))).toEqual([
      'warning build.sh:9',
      'warning build.sh:10',
      'warning Dockerfile:2',
    ]);
  });

  it('orders files by name whatever their case, the same on every machine', () => {
    expect(where(sortFindings([f('info', 'b.sh', 1), f('info', 'Makefile', 1), f('info', 'a.sh', 1), f('info', 'makefile', 1)]))).toEqual([
      'info a.sh:1',
      'info b.sh:1',
      'info Makefile:1',
      'info makefile:1',
    ]);
  });

  it('drops a finding given twice, and keeps ones that differ in code or message', () => {
    const findings = [f('warning', 'a', 1), f('warning', 'a', 1), f('warning', 'a', 1, 'MSM002'), f('warning', 'a', 1, 'MSM001', 'other')];
    expect(sortFindings(findings)).toHaveLength(3);
  });

  it('does not change the list it is given', () => {
    const findings = [f('info', 'a', 1), f('error', 'a', 1)];
    sortFindings(findings);
    expect(where(findings)).toEqual(['info a:1', 'error a:1']);
  });
});

describe('migratedReport', () => {
  const script = [
    '#!/bin/sh',
    'docker build \\',
    '  -t app-build \\',
    '  -f Dockerfile.build .',
    'docker create --name extract app-build',
    'docker cp extract:/out/app ./app',
    'docker rm extract',
    'docker build -t app .',
    '',
  ].join('\n');

  function report(builder: string) {
    return migrate(memoryRepo({ 'build.sh': script, 'Dockerfile.build': builder, Dockerfile: 'FROM alpine\nCOPY app /usr/bin/app\n' })).report;
  }

  it('lists the removed commands by line, a long one by its first line', () => {
    expect(report('FROM golang\nRUN go build -o /out/app\n').removedCommands).toEqual([
      { file: 'build.sh', line: 2, text: 'docker build ...' },
      { file: 'build.sh', line: 5, text: 'docker create --name extract app-build' },
      { file: 'build.sh', line: 6, text: 'docker cp extract:/out/app ./app' },
      { file: 'build.sh', line: 7, text: 'docker rm extract' },
    ]);
  });

  it('lists a command run through a wrapper ("$@") by the line that calls the wrapper', () => {
    const wrapped = ['retry() { "$@" || "$@"; }', 'retry docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app ./app', 'docker rm c', 'docker build -t app .', ''].join('\n');
    const result = migrate(memoryRepo({ 'build.sh': wrapped, 'Dockerfile.build': 'FROM golang\nRUN go build -o /out/app\n', Dockerfile: 'FROM alpine\nCOPY app /usr/bin/app\n' }));
    expect(result.report.removedCommands[0]).toEqual({ file: 'build.sh', line: 2, text: 'retry docker build -t b -f Dockerfile.build .' });
  });

  it('follows each artifact from the builder to the image', () => {
    expect(report('FROM golang\nRUN go build -o /out/app\n').artifacts).toEqual([
      {
        builderPath: '/out/app',
        hostPath: 'app',
        imagePath: '/usr/bin/app',
        stage: 'builder',
        copiedOut: { file: 'build.sh', line: 6 },
        copiedIn: { file: 'Dockerfile', line: 2 },
        chown: false,
      },
    ]);
  });

  it('lists the files and what happens to each', () => {
    expect(report('FROM golang\nRUN go build -o /out/app\n').files).toEqual([
      { path: 'Dockerfile', action: 'modified' },
      { path: 'build.sh', action: 'modified' },
      { path: 'Dockerfile.build', action: 'deleted' },
    ]);
  });

  it('asks for Docker 17.05, or 17.09 when it adds COPY --chown', () => {
    expect(report('FROM golang\nRUN go build -o /out/app\n').minimumDockerVersion).toBe('17.05');
    const chowned = report('FROM golang\nUSER nobody\nRUN go build -o /out/app\n');
    expect(chowned.minimumDockerVersion).toBe('17.09');
    expect(chowned.artifacts[0]!.chown).toBe(true);
  });

  it("asks for Docker 20.10 when a builder stage's own RUN --mount comes into the merged file", () => {
    expect(report('FROM golang\nRUN --mount=type=cache,target=/root/.cache go build -o /out/app\n').minimumDockerVersion).toBe('20.10');
  });
});

describe('the report of a final image built twice', () => {
  const script = (second: string): string => ['docker build -t b -f Dockerfile.build .', 'docker create --name x b', 'docker cp x:/out/api api', 'docker rm x', 'docker build -t api:1 .', second, ''].join('\n');
  const report = (second: string) => migrate(memoryRepo({ 'build.sh': script(second), 'Dockerfile.build': 'FROM golang:1.22\nARG V\nRUN go build -o /out/api\n', Dockerfile: 'FROM alpine:3.19\nCOPY api /api\n' })).report;

  it('counts the same file built again with the same build args as the final image, and lists its artifact once', () => {
    const same = report('docker build -t api:latest .');
    expect(same.message).toBe('build.sh: one builder and the final image now build as stages of Dockerfile');
    expect(same.artifacts).toHaveLength(1);
    expect(same.targets).toHaveLength(1);
  });

  it('counts a build of it with other build args as another image', () => {
    const other = report('docker build --build-arg W=2 -t api:v2 .');
    expect(other.message).toBe('build.sh: one builder and 2 images now build as stages of Dockerfile');
    expect(other.artifacts).toHaveLength(2);
  });
});
