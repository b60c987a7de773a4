import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse/dockerfile/parse-dockerfile.js';
import { carriedSyntax, mergeFindings } from './merge-checks.js';
import type { BuilderPlan } from './model.js';

function findings(builder: string, runtime: string): string[] {
  const builders = [{ dockerfile: parseDockerfile(builder, 'Dockerfile.build') } as BuilderPlan];
  return mergeFindings(builders, parseDockerfile(runtime, 'Dockerfile')).map((f) => `${f.code} ${f.file}:${f.line}`);
}

describe('mergeFindings', () => {
  it("refuses a stage's ARG without a default that would take another file's global default", () => {
    expect(findings('ARG GO_VERSION=1.8\nFROM golang:${GO_VERSION}\n', 'FROM alpine\nARG GO_VERSION\nENV V=${GO_VERSION}\n')).toEqual(['MSM018 Dockerfile:2']);
    expect(findings('FROM golang\nARG TAG\nRUN echo ${TAG:-unknown}\n', 'ARG TAG=3.6\nFROM alpine:${TAG}\n')).toEqual(['MSM018 Dockerfile.build:2']);
  });

  it('takes the same global in both files, a global without a default, and a stage ARG with its own default', () => {
    expect(findings('ARG V=1\nFROM golang\nARG V\n', 'ARG V=1\nFROM alpine\nARG V\n')).toEqual([]);
    expect(findings('ARG V\nFROM golang\n', 'FROM alpine\nARG V\n')).toEqual([]);
    expect(findings('ARG V=1\nFROM golang\n', 'FROM alpine\nARG V=2\n')).toEqual([]);
  });

  it('refuses two values of one global ARG', () => {
    expect(findings('ARG V=1\nFROM golang\n', 'ARG V=2\nFROM alpine\n')).toEqual(['MSM018 Dockerfile.build:1']);
  });

  it("carries the builder's # syntax= where the runtime file has none, and drops it where the runtime has another", () => {
    const builder = (text: string): BuilderPlan[] => [{ dockerfile: parseDockerfile(text, 'Dockerfile.build') } as BuilderPlan];
    const heredoc = '# syntax=docker/dockerfile:1.7\nFROM golang\nRUN <<EOF\ngo build\nEOF\n';
    expect(carriedSyntax(builder(heredoc), parseDockerfile('FROM alpine\n', 'Dockerfile'))).toBe('docker/dockerfile:1.7');
    expect(findings(heredoc, 'FROM alpine\n')).toEqual(['MSM019 Dockerfile.build:1']);
    expect(carriedSyntax(builder(heredoc), parseDockerfile('# syntax=docker/dockerfile:1.4\nFROM alpine\n', 'Dockerfile'))).toBeUndefined();
    expect(mergeFindings(builder(heredoc), parseDockerfile('# syntax=docker/dockerfile:1.4\nFROM alpine\n', 'Dockerfile')).map((f) => f.severity)).toEqual(['warning']);
  });

  it('carries no # syntax= when two merged files name different ones', () => {
    const builders = ['docker/dockerfile:1.7', 'docker/dockerfile:1.4'].map((v, i) => ({ dockerfile: parseDockerfile(`# syntax=${v}\nFROM golang\n`, `Dockerfile.${i}`) }) as BuilderPlan);
    const runtime = parseDockerfile('FROM alpine\n', 'Dockerfile');
    expect(carriedSyntax(builders, runtime)).toBeUndefined();
    expect(mergeFindings(builders, runtime).map((f) => `${f.severity} ${f.file}`)).toEqual(['warning Dockerfile.0', 'warning Dockerfile.1']);
  });
});
