import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { parseDockerfile } from '../parse/dockerfile/parse-dockerfile.js';
import { memoryRepo } from '../repo.js';

const SCRIPT = [
  '#!/bin/sh',
  'docker build -t app-build -f Dockerfile.build .',
  'docker create --name extract app-build',
  'docker cp extract:/out/app ./app',
  'docker rm extract',
  'docker build -t app .',
  '',
].join('\n');

const BUILDER = 'FROM golang:1.22\nRUN go build -o /out/app\n';

/** The merged Dockerfile for a runtime and a builder Dockerfile. */
function merged(runtime: string, builder = BUILDER): string {
  const result = migrate(memoryRepo({ 'build.sh': SCRIPT, 'Dockerfile.build': builder, Dockerfile: runtime }));
  expect(result.report.status).toBe('migrated');
  return result.changes.find((c) => c.path === 'Dockerfile')!.after!;
}

describe('emitDockerfile', () => {
  it("heads the merged file with the builder's # syntax= where the runtime file has none, after a BOM, in the file's line ends", () => {
    const out = merged('\uFEFFFROM alpine:3.19\r\nCOPY app /app\r\n', '# syntax=docker/dockerfile:1.7\nFROM golang:1.22\nRUN <<EOF\ngo build -o /out/app\nEOF\n');
    expect(out.startsWith('\uFEFF# syntax=docker/dockerfile:1.7\r\nFROM golang:1.22 AS builder\r\n')).toBe(true);
    expect(parseDockerfile(out.slice(1), 'Dockerfile').directives.map((d) => `${d.name}=${d.value}`)).toEqual(['syntax=docker/dockerfile:1.7']);
  });

  it('refuses an ADD of a file the builder makes with tar under a name that does not say so', () => {
    const builder = 'FROM node:20\nRUN npm run build && tar -cf /out/bundle -C dist .\n';
    const script = SCRIPT.replace('/out/app ./app', '/out/bundle ./bundle');
    const result = migrate(memoryRepo({ 'build.sh': script, 'Dockerfile.build': builder, Dockerfile: 'FROM nginx:1.25\nADD bundle /usr/share/nginx/html/\n' }));
    expect(result.report.status).toBe('refused');
    expect(result.report.warnings.filter((w) => w.code === 'MSM016').map((w) => `${w.file}:${w.line} ${w.severity}`)).toEqual(['Dockerfile:2 error']);
  });

  it('gives an archive written from a stream and unpacked by ADD no --chmod, and takes a folder the builder tars elsewhere as a folder', () => {
    const streamed = '#!/bin/sh\ndocker build -t app-build -f Dockerfile.build .\ndocker run --rm app-build cat /tmp/site.tar.gz > site.tar.gz\ndocker build -t app .\n';
    const unpacked = migrate(memoryRepo({ 'build.sh': streamed, 'Dockerfile.build': 'FROM node:20\nRUN tar -czf /tmp/site.tar.gz -C dist .\n', Dockerfile: 'FROM nginx:1.25\nADD site.tar.gz /srv/\n' }));
    expect(unpacked.changes.find((c) => c.path === 'Dockerfile')!.after).toContain('COPY --from=builder /unpacked/tmp/site.tar.gz/ /srv/\n');
    const folder = SCRIPT.replace('/out/app ./app', '/out/dist ./dist');
    const result = migrate(memoryRepo({ 'build.sh': folder, 'Dockerfile.build': 'FROM node:20\nRUN npm run build && tar -czf /out/dist.tgz dist && cp -r dist /out/\n', Dockerfile: 'FROM nginx:1.25\nADD dist/ /srv/\n' }));
    expect(result.report.status).toBe('migrated');
  });

  it("unpacks an ADDed archive as root under a stage's own USER, and keeps the archive's owners", () => {
    const builder = 'FROM node:20\nUSER node\nRUN npm pack && cp app-1.0.0.tgz /out/app\n';
    const script = SCRIPT.replace('/out/app ./app', '/home/node/app-1.0.0.tgz ./app-1.0.0.tgz');
    const result = migrate(memoryRepo({ 'build.sh': script, 'Dockerfile.build': builder, Dockerfile: 'FROM alpine:3.19\nADD app-1.0.0.tgz /opt/\n' }));
    const text = result.changes.find((c) => c.path === 'Dockerfile')!.after!;
    expect(text).toContain('/out/app\nUSER root\nRUN mkdir -p /unpacked/home/node/app-1.0.0.tgz && tar --numeric-owner -xzf /home/node/app-1.0.0.tgz -C /unpacked/home/node/app-1.0.0.tgz\nUSER node\n');
    // The USER node gives other files --chown=0:0; what ADD unpacked had the archive's owners.
    expect(text).toContain('COPY --from=builder /unpacked/home/node/app-1.0.0.tgz/ /opt/\n');
  });


  it('puts the builder stage before the runtime stage and rewrites the COPY', () => {
    expect(merged('FROM alpine:3.19\nCOPY app /usr/local/bin/app\nCMD ["app"]\n')).toBe(
      'FROM golang:1.22 AS builder\nRUN go build -o /out/app\n\nFROM alpine:3.19\nCOPY --from=builder /out/app /usr/local/bin/app\nCMD ["app"]\n',
    );
  });

  it('keeps a BOM at the very start', () => {
    expect(merged('\uFEFFFROM alpine\nCOPY app /app\n')).toBe('\uFEFFFROM golang:1.22 AS builder\nRUN go build -o /out/app\n\nFROM alpine\nCOPY --from=builder /out/app /app\n');
  });

  it('keeps a header comment that starts the file at the top', () => {
    expect(merged('# Copyright Acme\n# SPDX-License-Identifier: MIT\n\nFROM alpine\nCOPY app /app\n')).toBe(
      '# Copyright Acme\n# SPDX-License-Identifier: MIT\n\nFROM golang:1.22 AS builder\nRUN go build -o /out/app\n\nFROM alpine\nCOPY --from=builder /out/app /app\n',
    );
  });

  it('keeps the comment block directly above the runtime FROM with that FROM', () => {
    expect(merged('# Copyright Acme\n\n# The runtime image:\n# small.\nFROM alpine\nCOPY app /app\n')).toBe(
      '# Copyright Acme\n\nFROM golang:1.22 AS builder\nRUN go build -o /out/app\n\n# The runtime image:\n# small.\nFROM alpine\nCOPY --from=builder /out/app /app\n',
    );
  });

  it('keeps the parser directives and global ARGs of the runtime file above every stage', () => {
    const out = merged('# syntax=docker/dockerfile:1\nARG BASE=alpine:3.19\nFROM $BASE\nCOPY app /app\n');
    expect(out.startsWith('# syntax=docker/dockerfile:1\nARG BASE=alpine:3.19\nFROM golang:1.22 AS builder\n')).toBe(true);
    expect(parseDockerfile(out, 'Dockerfile').directives.map((d) => d.name)).toEqual(['syntax']);
  });

  it('writes the builder stage with the CRLF line endings of a CRLF runtime file', () => {
    expect(merged('FROM alpine\r\nCOPY app /app\r\n')).toBe('FROM golang:1.22 AS builder\r\nRUN go build -o /out/app\r\n\r\nFROM alpine\r\nCOPY --from=builder /out/app /app\r\n');
  });

  it('shifts numeric --from of the runtime file past the builder stages', () => {
    const out = merged('FROM alpine AS certs\nRUN apk add ca-certificates\nFROM scratch\nCOPY --from=0 /etc/ssl /etc/ssl\nCOPY app /app\n');
    expect(out).toContain('COPY --from=1 /etc/ssl /etc/ssl');
  });

  it('keeps a runtime file without a final newline without one', () => {
    expect(merged('FROM alpine\nCOPY app /app').endsWith('COPY --from=builder /out/app /app')).toBe(true);
  });

  // The builder's `# escape=` directive cannot come along: its backtick line continuations
  // would break in a merged file that escapes with a backslash (`-o` read as an instruction).
  it('keeps the instructions of a builder file that uses another escape character', () => {
    const result = migrate(memoryRepo({ 'build.sh': SCRIPT, 'Dockerfile.build': '# escape=`\nFROM golang\nRUN go build `\n  -o /out/app\n', Dockerfile: 'FROM alpine\nCOPY app /app\n' }));
    if (result.report.status === 'refused') return;
    const out = result.changes.find((c) => c.path === 'Dockerfile')!.after!;
    expect(parseDockerfile(out, 'Dockerfile').instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'FROM', 'COPY']);
  });

  // The same the other way round: a runtime file with a backtick escape directive.
  it('keeps the instructions of a builder file when the runtime file uses another escape character', () => {
    const result = migrate(memoryRepo({ 'build.sh': SCRIPT, 'Dockerfile.build': 'FROM golang\nRUN go build \\\n  -o /out/app\n', Dockerfile: '# escape=`\nFROM alpine\nCOPY app /app\n' }));
    if (result.report.status === 'refused') return;
    const out = result.changes.find((c) => c.path === 'Dockerfile')!.after!;
    expect(parseDockerfile(out, 'Dockerfile').instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'FROM', 'COPY']);
  });

  it('reads from the stage itself when the builder is a --target of the runtime Dockerfile', () => {
    const result = migrate(memoryRepo({
      'build.sh': 'docker build --target build -t b .\nid=$(docker create b)\ndocker cp "$id":/out/app app\ndocker rm "$id"\ndocker build -t app .\n',
      Dockerfile: 'FROM golang AS build\nRUN go build -o /out/app\nFROM alpine\nCOPY app /app\n',
    }));
    if (result.report.status === 'refused') return;
    expect(result.changes.find((c) => c.path === 'Dockerfile')!.after).toBe('FROM golang AS build\nRUN go build -o /out/app\nFROM alpine\nCOPY --from=build /out/app /app\n');
  });
});
