import { describe, expect, it } from 'vitest';
import type { BuildEvent } from '../analyse/events.js';
import { interpret } from '../analyse/interpreter.js';
import { parseDockerfile } from '../parse/dockerfile/parse-dockerfile.js';
import { parseShell } from '../parse/shell/parse-shell.js';
import { mergeBuildArgs } from './build-args.js';

const BUILDER = 'FROM golang:1.22\nARG VERSION\nRUN go build -ldflags "-X main.v=$VERSION" -o /out/app\n';
const RUNTIME = 'FROM alpine\nCOPY app /usr/bin/app\n';

/**
 * The builder flags and the final flags of two `docker build`s (builder first); the builder
 * and runtime Dockerfiles as given.
 */
function merge(builderFlags: string, finalFlags: string, files: { builder?: string; runtime?: string } = {}) {
  const script = `docker build ${builderFlags} -t b -f Dockerfile.build .\ndocker build ${finalFlags} -t app .\n`;
  const trace = interpret(parseShell(script, 'build.sh'), 'build.sh');
  const [builder, final] = trace.events.filter((e): e is BuildEvent => e.kind === 'build');
  const result = mergeBuildArgs(
    [{ build: builder!, dockerfile: parseDockerfile(files.builder ?? BUILDER, 'Dockerfile.build') }],
    final!,
    parseDockerfile(files.runtime ?? RUNTIME, 'Dockerfile'),
    trace.values,
  );
  return {
    added: result.added.map((a) => [a.name, a.value]),
    findings: result.findings.map((f) => [f.code, f.severity, f.line]),
    messages: result.findings.map((f) => f.message),
  };
}

describe('mergeBuildArgs', () => {
  it('adds a builder-only --build-arg to the final build', () => {
    expect(merge('--build-arg VERSION=1.2', '')).toEqual({ added: [['VERSION', '1.2']], findings: [], messages: [] });
  });

  it('adds a builder-only --build-arg that takes its value from the environment', () => {
    expect(merge('--build-arg VERSION', '').added).toEqual([['VERSION', undefined]]);
  });

  it('adds nothing for an arg both builds pass with the same value', () => {
    expect(merge('--build-arg VERSION=1.2', '--build-arg VERSION=1.2')).toMatchObject({ added: [], findings: [] });
  });

  it('refuses an arg the two builds pass with different values', () => {
    const result = merge('--build-arg VERSION=1.2', '--build-arg VERSION=2.0');
    expect(result.findings).toEqual([['MSM010', 'error', 1]]);
    expect(result.messages[0]).toContain('VERSION=1.2');
  });

  it('refuses a builder-only arg that the runtime Dockerfile declares, which would now change it', () => {
    const result = merge('--build-arg VERSION=1.2', '', { runtime: 'FROM alpine\nARG VERSION=dev\nLABEL v=$VERSION\nCOPY app /app\n' });
    expect(result.findings).toEqual([['MSM010', 'error', 1]]);
    expect(result.messages[0]).toContain('Dockerfile declares ARG VERSION');
  });

  it('refuses a final-only arg that the builder Dockerfile declares and was built without', () => {
    const result = merge('', '--build-arg VERSION=2.0');
    expect(result.findings).toEqual([['MSM010', 'error', 2]]);
  });

  it('takes an arg whose name is only known when the script runs as one that may name any ARG a file declares', () => {
    const declaring = { runtime: 'FROM alpine\nARG TAG\nCOPY app /usr/bin/app\n' };
    expect(merge('--build-arg "$KV"', '', declaring).messages).toEqual([
      '--build-arg $KV of the builder build: its name is only known when the script runs, and Dockerfile declares ARGs it may name, and would now get this value',
    ]);
    expect(merge('--build-arg "$KV"', '', declaring).findings).toEqual([['MSM010', 'error', 1]]);
    // A file that declares no ARG takes no build arg: moved to the final build, it changes nothing.
    const plain = merge('--build-arg "$KV"', '');
    expect([plain.added.length, plain.findings]).toEqual([1, []]);
    expect(merge('', '--build-arg "$KV=1"').messages).toEqual([
      '--build-arg $KV of the final build would now also reach Dockerfile.build, which declares ARGs that $KV, only known when the script runs, may name and was built without it',
    ]);
    expect(merge('', '--build-arg "$KV=1"', { builder: 'FROM golang:1.22\nRUN go build -o /out/app\n' }).findings).toEqual([]);
  });

  it('accepts a final-only arg the builder does not declare', () => {
    expect(merge('', '--build-arg COMMIT=abc')).toEqual({ added: [], findings: [], messages: [] });
  });

  it('exempts the proxy args, in any case', () => {
    expect(merge('--build-arg HTTP_PROXY=http://a', '--build-arg HTTP_PROXY=http://b').findings).toEqual([]);
    expect(merge('--build-arg https_proxy=http://a', '', { runtime: 'FROM alpine\nARG https_proxy\nCOPY app /app\n' }).findings).toEqual([]);
    expect(merge('', '--build-arg no_proxy=x', { builder: 'FROM golang\nARG no_proxy\nRUN go build\n' }).findings).toEqual([]);
  });

  it('adds each name once', () => {
    expect(merge('--build-arg VERSION=1 --build-arg VERSION=1', '').added).toEqual([['VERSION', '1']]);
  });

  it('adds the last value of an arg the builder build passes twice', () => {
    expect(merge('--build-arg VERSION=1 --build-arg VERSION=2', '').added).toEqual([['VERSION', '2']]);
  });
});

describe('mergeBuildArgs with several builders', () => {
  /** Two builder builds of one Dockerfile with these flags, then the final build. */
  function mergeTwo(first: string, second: string) {
    const script = `docker build ${first} -t b1 -f Dockerfile.build .\ndocker build ${second} -t b2 -f Dockerfile.build .\ndocker build -t app .\n`;
    const trace = interpret(parseShell(script, 'build.sh'), 'build.sh');
    const [one, two, final] = trace.events.filter((e): e is BuildEvent => e.kind === 'build');
    const dockerfile = parseDockerfile('FROM golang:1.22\nARG CMD\nRUN go build -o /out/bin ./cmd/$CMD\n', 'Dockerfile.build');
    const result = mergeBuildArgs([{ build: one!, dockerfile }, { build: two!, dockerfile }], final!, parseDockerfile(RUNTIME, 'Dockerfile'), trace.values);
    return result.findings.map((f) => `${f.line} ${f.message}`);
  }

  it('refuses two values of one arg: the one build would give both stages the first', () => {
    expect(mergeTwo('--build-arg CMD=server', '--build-arg CMD=cli')).toEqual([
      '2 --build-arg CMD=cli of the builder build: another builder build passes CMD=server, and one build passes one value to every stage',
    ]);
  });

  it('refuses an arg one builder passes that another declares and was built without', () => {
    expect(mergeTwo('--build-arg CMD=server', '')).toEqual([
      '2 this builder build passes no --build-arg CMD, and Dockerfile.build declares ARG CMD: it would now get CMD=server from another builder\'s build',
    ]);
  });

  it('takes the same value passed to both', () => {
    expect(mergeTwo('--build-arg CMD=server', '--build-arg CMD=server')).toEqual([]);
  });
});
