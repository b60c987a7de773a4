import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse/dockerfile/parse-dockerfile.js';
import type { BuilderPlan } from '../plan/model.js';
import { builderStageText } from './builder-stage.js';

interface Options {
  stageName?: string;
  targetStage?: number;
  contextPrefix?: string;
  offset?: number;
  eol?: string;
  /** Stage index -> new name, as the planner decided. */
  renames?: [number, string][];
}

function stageText(text: string, options: Options = {}): string {
  const dockerfile = parseDockerfile(text, 'Dockerfile.build');
  const builder = {
    stageName: options.stageName ?? 'builder',
    dockerfile,
    targetStage: options.targetStage ?? dockerfile.stages.length - 1,
    contextPrefix: options.contextPrefix ?? '',
    steps: [],
    synthetic: false,
    stageRenames: new Map(options.renames ?? []),
  } as Partial<BuilderPlan> as BuilderPlan;
  return builderStageText(builder, options.offset ?? 0, options.eol ?? '\n', '.');
}

describe('builderStageText: the stage name', () => {
  it('names an unnamed target stage, in the casing of its FROM', () => {
    expect(stageText('FROM golang:1.22\nRUN go build\n')).toBe('FROM golang:1.22 AS builder\nRUN go build');
    expect(stageText('from golang:1.22\nrun go build\n')).toBe('from golang:1.22 as builder\nrun go build');
  });

  it('puts the name after the image when FROM has flags', () => {
    expect(stageText('FROM --platform=$BUILDPLATFORM golang:1.22\n')).toBe('FROM --platform=$BUILDPLATFORM golang:1.22 AS builder');
  });

  it('keeps a name the stage already has', () => {
    expect(stageText('FROM golang:1.22 as compile\nRUN go build\n', { stageName: 'compile' })).toBe('FROM golang:1.22 as compile\nRUN go build');
  });

  it('renames the target stage, and only that stage', () => {
    const text = 'FROM golang AS deps\nRUN go mod download\nFROM deps AS builder\nRUN go build\n';
    expect(stageText(text, { stageName: 'builder-2', renames: [[1, 'builder-2']] })).toBe(
      'FROM golang AS deps\nRUN go mod download\nFROM deps AS builder-2\nRUN go build',
    );
  });

  it('renames another stage with every FROM and --from that names it', () => {
    const text = 'FROM golang AS deps\nRUN go mod download\nFROM DEPS\nCOPY --from=deps /go /go\nRUN go build\n';
    expect(stageText(text, { renames: [[0, 'deps-2']] })).toBe(
      'FROM golang AS deps-2\nRUN go mod download\nFROM deps-2 AS builder\nCOPY --from=deps-2 /go /go\nRUN go build',
    );
  });

  it('names the --target stage, not the last one', () => {
    const text = 'FROM golang\nRUN go build\nFROM golang AS test\nRUN go test\n';
    expect(stageText(text, { targetStage: 0 })).toBe('FROM golang AS builder\nRUN go build\nFROM golang AS test\nRUN go test');
  });
});

describe('builderStageText: the build context', () => {
  it('rebases COPY and ADD sources into the folder the builder context was', () => {
    const text = 'FROM golang\nCOPY go.mod go.sum ./\nCOPY . .\nADD ./assets/ /assets/\nCOPY --chown=1000 cmd/*.go /src/\n';
    expect(stageText(text, { contextPrefix: 'api' })).toBe(
      'FROM golang AS builder\nCOPY api/go.mod api/go.sum ./\nCOPY api .\nADD api/assets/ /assets/\nCOPY --chown=1000 api/cmd/*.go /src/',
    );
  });

  it('keeps sources inside the context when they climb above it', () => {
    expect(stageText('FROM golang\nCOPY ../shared /shared\n', { contextPrefix: 'api' })).toBe('FROM golang AS builder\nCOPY api/shared /shared');
  });

  it('rebases the sources of a JSON COPY', () => {
    expect(stageText('FROM golang\nCOPY ["main.go", "/src/"]\n', { contextPrefix: 'api' })).toBe('FROM golang AS builder\nCOPY ["api/main.go", "/src/"]');
  });

  it('does not rebase COPY --from, remote ADDs or destinations', () => {
    const text = 'FROM golang\nCOPY --from=tools /bin/x /bin/x\nADD https://example.com/a.tgz /tmp/\nCOPY app /app\n';
    expect(stageText(text, { contextPrefix: 'api' })).toBe(
      'FROM golang AS builder\nCOPY --from=tools /bin/x /bin/x\nADD https://example.com/a.tgz /tmp/\nCOPY api/app /app',
    );
  });

  it('rebases the source of a bind mount from the context', () => {
    const text = 'FROM golang\nRUN --mount=type=bind,source=go.sum,target=go.sum go mod download\n';
    expect(stageText(text, { contextPrefix: 'api' })).toBe(
      'FROM golang AS builder\nRUN --mount=type=bind,source=api/go.sum,target=go.sum go mod download',
    );
  });
});

describe('builderStageText: stage numbers, directives and line endings', () => {
  it('shifts numeric --from by the stages before it in the merged file', () => {
    const text = 'FROM golang AS deps\nRUN x\nFROM golang\nCOPY --from=0 /go /go\nCOPY --from=deps /a /a\n';
    expect(stageText(text, { offset: 2 })).toBe('FROM golang AS deps\nRUN x\nFROM golang AS builder\nCOPY --from=2 /go /go\nCOPY --from=deps /a /a');
    expect(stageText(text, { offset: 0 })).toContain('COPY --from=0 /go /go');
  });

  it('drops parser directives and keeps the comments after them', () => {
    const text = '# syntax=docker/dockerfile:1\n# check=skip=all\n# Build the binary\nFROM golang\n';
    expect(stageText(text)).toBe('# Build the binary\nFROM golang AS builder');
  });

  it('converts line endings to those of the merged file', () => {
    expect(stageText('FROM golang\r\nRUN go build\r\n', { eol: '\n' })).toBe('FROM golang AS builder\nRUN go build');
    expect(stageText('FROM golang\nRUN a \\\n  b\n', { eol: '\r\n' })).toBe('FROM golang AS builder\r\nRUN a \\\r\n  b');
  });

  it('drops blank lines and spaces at the end', () => {
    expect(stageText('FROM golang\nRUN go build\n\n\n  \n')).toBe('FROM golang AS builder\nRUN go build');
  });
});
