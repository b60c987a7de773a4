import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { parseDockerfile } from '../parse/dockerfile/parse-dockerfile.js';
import { memoryRepo } from '../repo.js';
import type { BuilderPlan } from './model.js';
import { nameStages } from './stage-names.js';

function builder(text: string, targetStage?: number): BuilderPlan {
  const dockerfile = parseDockerfile(text, 'Dockerfile.build');
  const plan: Partial<BuilderPlan> = {
    stageName: '',
    image: 'b',
    build: null,
    dockerfile,
    targetStage: targetStage ?? dockerfile.stages.length - 1,
    synthetic: false,
    steps: [],
    stageRenames: new Map(),
  };
  return plan as BuilderPlan;
}

function names(runtime: string, ...builders: BuilderPlan[]): string[] {
  nameStages(builders, parseDockerfile(runtime, 'Dockerfile'));
  return builders.map((b) => b.stageName);
}

describe('nameStages', () => {
  it('names an unnamed builder stage builder', () => {
    expect(names('FROM alpine\n', builder('FROM golang\n'))).toEqual(['builder']);
  });

  it('keeps the name the builder stage already has', () => {
    expect(names('FROM alpine\n', builder('FROM golang AS compile\n'))).toEqual(['compile']);
  });

  it('gives builder-2 when the runtime file already has a builder stage, in any case', () => {
    expect(names('FROM node AS builder\nFROM alpine\n', builder('FROM golang\n'))).toEqual(['builder-2']);
    expect(names('FROM node AS Builder\nFROM alpine\n', builder('FROM golang\n'))).toEqual(['builder-2']);
  });

  it('renames an existing name that the runtime file uses too', () => {
    expect(names('FROM node AS compile\nFROM alpine\n', builder('FROM golang AS compile\n'))).toEqual(['builder']);
  });

  it('gives each builder its own name', () => {
    expect(names('FROM alpine\n', builder('FROM golang\n'), builder('FROM node\n'))).toEqual(['builder', 'builder-2']);
  });

  it('renames another stage of the builder file that the runtime file uses too', () => {
    const b = builder('FROM golang AS deps\nFROM deps\n');
    expect(names('FROM alpine AS deps\nFROM alpine\n', b)).toEqual(['builder']);
    const renamed = b.stageRenames.get(0);
    expect(renamed).toBeDefined();
    expect(renamed!.toLowerCase()).not.toBe('deps');
  });

  it('avoids the names of the other stages of the builder file', () => {
    expect(names('FROM alpine\n', builder('FROM golang AS builder\nFROM builder\n'))).toEqual(['builder-2']);
  });
});

describe('stage names of the merged Dockerfile', () => {
  // Another stage of the builder file with the name of a runtime stage (`deps`) must not give
  // the merged file two stages of one name, which docker build rejects.
  it('never has two stages of the same name', () => {
    const result = migrate(
      memoryRepo({
        'build.sh': [
          'docker build -t app-build -f Dockerfile.build .',
          'docker create --name extract app-build',
          'docker cp extract:/out/app ./app',
          'docker rm extract',
          'docker build -t app .',
          '',
        ].join('\n'),
        'Dockerfile.build': 'FROM golang AS deps\nRUN go mod download\nFROM deps\nRUN go build -o /out/app\n',
        Dockerfile: 'FROM alpine AS deps\nRUN apk add ca-certificates\nFROM alpine\nCOPY --from=deps /etc/ssl /etc/ssl\nCOPY app /usr/bin/app\n',
      }),
    );
    if (result.report.status === 'refused') return;
    const merged = result.changes.find((c) => c.path === 'Dockerfile')!.after!;
    const stageNames = parseDockerfile(merged, 'Dockerfile').stages.map((s) => s.name).filter((n) => n !== null);
    expect(new Set(stageNames).size).toBe(stageNames.length);
  });
});
