import { describe, expect, it } from 'vitest';
import type { CopyOutEvent, ScriptEvent } from '../analyse/events.js';
import { interpret, type Trace } from '../analyse/interpreter.js';
import { parseShell } from '../parse/shell/parse-shell.js';
import { findBuildOf, findContainer, normaliseImage } from './containers.js';

function trace(text: string): Trace {
  return interpret(parseShell(text, 'build.sh'), 'build.sh');
}

function copies(t: Trace): CopyOutEvent[] {
  return t.events.filter((e): e is CopyOutEvent => e.kind === 'copy-out');
}

function lineOf(e: ScriptEvent | undefined): number | undefined {
  return e?.site.at.line;
}

describe('normaliseImage', () => {
  it('reads a name without a tag as :latest', () => {
    expect(normaliseImage('app')).toBe(normaliseImage('app:latest'));
    expect(normaliseImage('app')).not.toBe(normaliseImage('app:1.0'));
  });

  it('reads docker.io/library/NAME and index.docker.io as the short name', () => {
    expect(normaliseImage('docker.io/library/alpine')).toBe(normaliseImage('alpine:latest'));
    expect(normaliseImage('index.docker.io/library/alpine:3.19')).toBe(normaliseImage('alpine:3.19'));
    expect(normaliseImage('docker.io/acme/app')).toBe(normaliseImage('acme/app:latest'));
  });

  it('does not take a registry port for a tag', () => {
    expect(normaliseImage('localhost:5000/app')).toBe('localhost:5000/app:latest');
    expect(normaliseImage('localhost:5000/app')).not.toBe(normaliseImage('localhost:5000/app:2'));
  });

  it('adds no tag to a reference by digest', () => {
    expect(normaliseImage('app@sha256:abc')).toBe('app@sha256:abc');
  });

  it('reads library/NAME as NAME', () => {
    expect(normaliseImage('library/alpine')).toBe(normaliseImage('alpine'));
  });
});

describe('findContainer', () => {
  it('finds the container of a captured id', () => {
    const t = trace('a=$(docker create img-a)\nb=$(docker create img-b)\ndocker cp "$a":/x .\n');
    expect(lineOf(findContainer(copies(t)[0]!, t.events, t.values))).toBe(1);
  });

  it('finds a container by --name, the latest one made before the copy', () => {
    const t = trace('docker create --name c old\ndocker rm c\ndocker create --name c new\ndocker cp c:/x .\ndocker create --name c later\n');
    const found = findContainer(copies(t)[0]!, t.events, t.values);
    expect(found).toMatchObject({ image: 'new' });
  });

  it('finds nothing for a container the script did not make', () => {
    const t = trace('docker cp running-db:/backup .\n');
    expect(findContainer(copies(t)[0]!, t.events, t.values)).toBeUndefined();
  });
});

describe('findBuildOf', () => {
  it('finds the last build that tagged the image, whatever the spelling of the tag', () => {
    const t = trace('docker build -t app-build .\ndocker build -t x -t docker.io/library/app-build:latest -f Dockerfile.build .\ndocker create app-build\n');
    const create = t.events.find((e) => e.kind === 'create')!;
    expect(lineOf(findBuildOf('app-build', create, t.events))).toBe(2);
  });

  it('does not find a build made after the container', () => {
    const t = trace('docker create app-build\ndocker build -t app-build .\n');
    const create = t.events.find((e) => e.kind === 'create')!;
    expect(findBuildOf('app-build', create, t.events)).toBeUndefined();
  });

  it('does not mix up tags', () => {
    const t = trace('docker build -t app:build .\ndocker create app\n');
    const create = t.events.find((e) => e.kind === 'create')!;
    expect(findBuildOf('app', create, t.events)).toBeUndefined();
  });
});
