import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse/dockerfile/parse-dockerfile.js';
import { parentStage, rootStage, stageOfTarget } from './stage-parent.js';

describe('parentStage, rootStage and stageOfTarget', () => {
  const file = parseDockerfile('FROM golang:1.22 AS deps\nFROM Deps AS build\nFROM alpine AS other\nFROM build\n', 'Dockerfile');

  it('follow FROM an earlier stage, by its name in any case, back to the stage FROM an image', () => {
    expect([0, 1, 2, 3].map((i) => parentStage(file, i))).toEqual([null, 0, null, 1]);
    expect([0, 1, 2, 3].map((i) => rootStage(file, i))).toEqual([0, 0, 2, 0]);
  });

  it('find the stage a build makes: its --target in any case, or the last', () => {
    expect([null, 'BUILD', 'deps', 'missing'].map((t) => stageOfTarget(file, t))).toEqual([3, 1, 0, -1]);
  });
});
