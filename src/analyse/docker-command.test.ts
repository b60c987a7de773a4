import { describe, expect, it } from 'vitest';
import { parseShell } from '../parse/shell/parse-shell.js';
import type { BuildEvent, ScriptEvent } from './events.js';
import { interpret, type Trace } from './interpreter.js';
import { isStatic } from './values.js';

function trace(text: string): Trace {
  return interpret(parseShell(text, 'build.sh'), 'build.sh');
}

function events(text: string): ScriptEvent[] {
  return trace(text).events;
}

function build(text: string): { event: BuildEvent; trace: Trace } {
  const t = trace(text);
  const found = t.events.filter((e): e is BuildEvent => e.kind === 'build');
  expect(found).toHaveLength(1);
  return { event: found[0]!, trace: t };
}

/** A build's main facts in the user's terms. */
function summary(text: string) {
  const { event, trace: t } = build(text);
  return {
    tags: event.tags,
    dockerfile: event.dockerfile === null ? null : t.values.describe(event.dockerfile),
    context: t.values.describe(event.context),
    target: event.target,
    platform: event.platform,
    buildArgs: event.buildArgs.map((a) => [a.name, a.value]),
  };
}

describe('docker build', () => {
  it('reads tags, Dockerfile, context, target and platform', () => {
    expect(summary('docker build -t app -t app:1.2 --tag=reg/app -f docker/Dockerfile.build --target builder --platform linux/amd64 src\n')).toEqual({
      tags: ['app', 'app:1.2', 'reg/app'],
      dockerfile: './docker/Dockerfile.build',
      context: './src',
      target: 'builder',
      platform: 'linux/amd64',
      buildArgs: [],
    });
  });

  it('reads DOCKER_DEFAULT_PLATFORM as --platform, set for the build or exported; --platform wins', () => {
    expect(summary('DOCKER_DEFAULT_PLATFORM=linux/amd64 docker build -t app .\n').platform).toBe('linux/amd64');
    expect(summary('export DOCKER_DEFAULT_PLATFORM=linux/arm64\ndocker build -t app .\n').platform).toBe('linux/arm64');
    expect(summary('DOCKER_DEFAULT_PLATFORM=linux/amd64 docker build --platform linux/arm64 -t app .\n').platform).toBe('linux/arm64');
    expect(summary('docker build -t app .\n').platform).toBeNull();
  });

  it('reads --file=PATH and takes the last -f', () => {
    expect(summary('docker build -f a --file=b/Dockerfile .\n').dockerfile).toBe('./b/Dockerfile');
  });

  it('gives no Dockerfile without -f, for CONTEXT/Dockerfile', () => {
    expect(summary('docker build -t app .\n').dockerfile).toBeNull();
  });

  it('reads a Dockerfile and a context from stdin as -, when no file the script names feeds it', () => {
    expect(summary("echo 'FROM alpine' | docker build -t a -\n").context).toBe('-');
    expect(summary('docker build -f - -t a .\n').dockerfile).toBe('-');
  });

  it('reads --build-arg K=V, --build-arg=K=V and --build-arg K (from the environment)', () => {
    const text = 'docker build --build-arg GO=1.22 --build-arg=LDFLAGS="-s -w" --build-arg HTTP_PROXY -t a .\n';
    const { event } = build(text);
    expect(event.buildArgs.map((a) => [a.name, a.value])).toEqual([
      ['GO', '1.22'],
      ['LDFLAGS', '-s -w'],
      ['HTTP_PROXY', undefined],
    ]);
    expect(event.buildArgs.map((a) => a.words.map((w) => text.slice(w.start, w.end)))).toEqual([
      ['--build-arg', 'GO=1.22'],
      ['--build-arg=LDFLAGS="-s -w"'],
      ['--build-arg', 'HTTP_PROXY'],
    ]);
  });

  it('skips docker global flags before the subcommand', () => {
    expect(summary('docker -H tcp://ci:2375 --log-level debug --tls build -t app .\n').tags).toEqual(['app']);
    expect(summary('docker --context=remote -D build -t app .\n').tags).toEqual(['app']);
  });

  it('reads docker image build, docker buildx build and docker builder build as docker build', () => {
    const all = events('docker image build -t a .\ndocker buildx build --load -t b .\ndocker builder build -t c .\n');
    expect(all.filter((e): e is BuildEvent => e.kind === 'build').map((b) => b.tags)).toEqual([['a'], ['b'], ['c']]);
  });

  it('keeps the verb word, after which the script edit adds flags', () => {
    const text = 'docker image build -t a .\n';
    const { event } = build(text);
    expect(text.slice(event.verb.start, event.verb.end)).toBe('build');
    expect(event.verb.start).toBe(text.indexOf('build'));
  });

  it('warns about an unknown flag, and reads it as a flag without a value', () => {
    const t = trace('docker build --frobnicate -t app .\n');
    expect(t.findings).toMatchObject([{ code: 'MSM003', severity: 'warning', line: 1 }]);
    expect(t.findings[0]!.message).toContain('--frobnicate');
    const event = t.events[0] as BuildEvent;
    expect(event.tags).toEqual(['app']);
    expect(event.flags.map((f) => f.name)).toContain('--frobnicate');
  });

  it('does not warn about the flags it knows', () => {
    expect(trace('docker build --pull --no-cache -q --network host --progress=plain -t a .\n').findings).toEqual([]);
  });

  it('prints an image id for -q inside $(...), and nothing otherwise', () => {
    const t = trace('A=$(docker build -q .)\nB=$(docker build .)\nmkdir "x$A" "y$B"\n');
    const mkdir = t.events.find((e) => e.kind === 'host-mkdir');
    const [a, b] = mkdir?.kind === 'host-mkdir' ? mkdir.paths : [];
    expect(isStatic(a!)).toBe(false);
    expect(t.values.describe(b!)).toBe('./y');
  });

  it('writes the image id to the --iidfile, which $(cat FILE) then reads, until something else writes the file', () => {
    const t = trace('docker build --iidfile out/b.iid -f Dockerfile.build .\ncd out\ndocker create --name c "$(cat b.iid)"\necho x > b.iid\ndocker create --name d "$(cat b.iid)"\n');
    const [built] = t.events.filter((e) => e.kind === 'build');
    const [c, d] = t.events.filter((e) => e.kind === 'create');
    expect(c?.kind === 'create' && t.values.whole(c.image)?.build).toBe(built);
    expect(d?.kind === 'create' && t.values.whole(d.image)?.build).toBeUndefined();
  });
});

describe('docker create, cp, rm', () => {
  it('reads the image and --name of docker create, and combined short flags', () => {
    const [create] = events('docker create -it --name=extract -e A=1 builder:latest sh -c "sleep 1"\n');
    expect(create).toMatchObject({ kind: 'create', image: 'builder:latest', name: 'extract', ran: false });
  });

  it('reads docker container create and docker run as creates', () => {
    const all = events('docker container create --name a img\ndocker run --name b img true\n');
    expect(all.map((e) => (e.kind === 'create' ? [e.name, e.ran] : e.kind))).toEqual([
      ['a', false],
      ['b', true],
    ]);
  });

  it('reads docker cp out of a container, container paths taken from /', () => {
    const t = trace('docker cp -a extract:/app/bin ./out\ndocker container cp extract:app/static out/\n');
    const copies = t.events.map((e) => (e.kind === 'copy-out' ? [e.container, e.source, t.values.describe(e.dest)] : e.kind));
    expect(copies).toEqual([
      ['extract', '/app/bin', './out'],
      ['extract', '/app/static', './out/'],
    ]);
  });

  it('keeps /. at the end of a docker cp source', () => {
    const [copy] = events('docker cp c:/app/dist/. public\n');
    expect(copy).toMatchObject({ kind: 'copy-out', source: '/app/dist/.' });
  });

  it('reads docker cp to - as a stream', () => {
    const [copy] = events('docker cp c:/app - | tar x\n');
    expect(copy).toMatchObject({ kind: 'copy-out', dest: '-' });
  });

  it('does not take a copy into a container for a copy out', () => {
    expect(events('docker cp config.yml c:/etc/app/\n').map((e) => e.kind)).toEqual(['docker-other']);
  });

  it('reads docker rm, docker container rm, docker rmi and docker image rm with flags', () => {
    const all = events('docker rm -f -v a b\ndocker container rm c\ndocker rmi -f img:1\ndocker image rm img:2\n');
    expect(all.map((e) => (e.kind === 'remove-container' ? e.containers : e.kind === 'remove-image' ? e.images : e.kind))).toEqual([
      ['a', 'b'],
      ['c'],
      ['img:1'],
      ['img:2'],
    ]);
  });

  it('records other docker commands by subcommand', () => {
    expect(events('docker push app\ndocker image tag a b\n').map((e) => (e.kind === 'docker-other' ? e.subcommand : e.kind))).toEqual(['push', 'tag']);
  });
});

describe('what other docker commands print', () => {
  it('is only known when they run: docker cp from $(docker ps -lq) names an unknown container', () => {
    const t = trace('docker cp "$(docker ps -lq)":/out/app ./app\n');
    const copy = t.events.find((e) => e.kind === 'copy-out');
    expect(copy && copy.kind === 'copy-out' ? [isStatic(copy.container), t.values.describe(copy.container), copy.source] : null).toEqual([false, '$(docker ps -lq)', '/out/app']);
  });
});
