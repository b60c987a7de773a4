import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeEngine, type FakeEngine } from '../../test/engine/fake-engine.js';
import { buildFlags, builtImages, shimScript, shQuote, taggedImages, writeShim, type ShimOptions } from './shim.js';

describe('shim text', () => {
  const options = (over: Partial<ShimOptions> = {}): ShimOptions => ({
    engine: { kind: 'podman', path: "/opt/it's/podman" },
    binDir: '/tmp/bin',
    logDir: '/tmp/log',
    noCache: true,
    pullNever: true,
    label: 'multistage-migrate.verify=abc',
    ...over,
  });

  it('quotes paths for bash', () => {
    expect(shQuote("it's")).toBe(`'it'\\''s'`);
    expect(shimScript(options())).toContain(`engine='/opt/it'\\''s/podman'`);
  });

  it('adds only flags the engine understands', () => {
    expect(buildFlags(options())).toEqual(['--no-cache', '--pull=never']);
    expect(buildFlags(options({ engine: { kind: 'docker', path: '/usr/bin/docker' } }))).toEqual(['--no-cache']);
    expect(buildFlags(options({ noCache: false, pullNever: false }))).toEqual([]);
  });

  it('is valid bash', () => {
    expect(() => execFileSync('bash', ['-n'], { input: shimScript(options()) })).not.toThrow();
  });
});

describe('shim behaviour', () => {
  let dir: string;
  let engine: FakeEngine;
  let path: string;
  const logDir = (): string => join(dir, 'log');

  const docker = (...args: string[]): string =>
    execFileSync('docker', args, { env: { ...process.env, PATH: path }, cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shim-test-'));
    engine = await fakeEngine(join(dir, 'engine'), 'podman');
    const o: ShimOptions = { engine: { kind: 'podman', path: engine.path }, binDir: join(dir, 'bin'), logDir: logDir(), noCache: true, pullNever: true, label: 'k=v' };
    path = await writeShim(o, process.env.PATH ?? '');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('records every build and adds --iidfile, --no-cache and --pull=never', async () => {
    docker('build', '-t', 'a', '.');
    docker('image', 'build', '-f', 'Dockerfile.x', '.');
    docker('buildx', 'build', '--load', '-t', 'b', '.');
    const calls = await engine.calls();
    expect(calls[0]).toBe(`build --no-cache --pull=never --iidfile ${logDir()}/build-0001.iid -t a .`);
    expect(calls[1]).toContain(`--iidfile ${logDir()}/build-0002.iid -f Dockerfile.x .`);
    expect(calls[2]).toMatch(/^build .* -t b \.$/);
    expect(calls[2]).not.toContain('--load');
    expect(await builtImages(logDir())).toEqual([1, 2, 3].map((n) => `sha256:${String(n).padStart(64, '0')}`));
  });

  it('records the tags of each build: the last image under a tag is the one compared', async () => {
    docker('build', '-t', 'acme/api:1', '--tag', 'acme/api', '.');
    docker('build', '--tag=acme/worker:2', '-t', 'acme/api:1', '.');
    docker('build', '.');
    const id = (n: number): string => `sha256:${String(n).padStart(64, '0')}`;
    expect([...(await taggedImages(logDir()))]).toEqual([['acme/api:1', id(2)], ['acme/api:latest', id(1)], ['acme/worker:2', id(2)]]);
  });

  it('drops BuildKit-only flags for podman', async () => {
    docker('buildx', 'build', '--progress', 'plain', '--progress=tty', '--builder', 'b', '--provenance=false', '--sbom=true', '-t', 'x', '.');
    expect((await engine.calls())[0]).toMatch(/^build --no-cache --pull=never --iidfile \S+ -t x \.$/);
  });

  it('keeps an --iidfile the script asked for, and still records the build', async () => {
    docker('build', '--iidfile', 'mine.iid', '.');
    expect(await readFile(join(dir, 'mine.iid'), 'utf8')).toMatch(/^sha256:0+1\n$/);
    expect(await builtImages(logDir())).toHaveLength(1);
  });

  it('records no image for a build that writes files to the host with --output', async () => {
    docker('build', '-t', 'a', '.');
    docker('build', '--target', 'export', '--output', 'type=local,dest=.', '.');
    docker('build', '-o=type=local,dest=out', '.');
    const calls = await engine.calls();
    expect(calls[1]).toBe('build --no-cache --pull=never --target export --output type=local,dest=. .');
    expect(calls[2]).not.toContain('--iidfile');
    expect(await builtImages(logDir())).toEqual([`sha256:${'1'.padStart(64, '0')}`]);
  });

  it('labels containers the script creates or runs', async () => {
    docker('create', '--name', 'x', 'img');
    docker('container', 'run', '--rm', 'img', 'true');
    expect(await engine.calls()).toEqual(['create --label k=v --name x img', 'container run --label k=v --rm img true']);
  });

  it('never pushes or logs in', async () => {
    docker('push', 'registry.example.com/app:1');
    docker('login', '-u', 'me', 'registry.example.com');
    docker('image', 'push', 'app');
    expect(await engine.calls()).toEqual([]);
    const log = await readFile(join(logDir(), 'invocations.log'), 'utf8');
    expect(log.split('\n').filter((l) => l !== '')).toHaveLength(3);
  });

  it('passes other commands through unchanged', async () => {
    docker('cp', 'c:/src/app', './app');
    docker('rm', '-f', 'c');
    expect(await engine.calls()).toEqual(['cp c:/src/app ./app', 'rm -f c']);
  });

  it('exits with the engine exit code', async () => {
    await writeFile(engine.path, '#!/bin/sh\nexit 3\n');
    const r = spawnSync('docker', ['build', '.'], { env: { ...process.env, PATH: path }, cwd: dir });
    expect(r.status).toBe(3);
    expect(await builtImages(logDir())).toEqual([]);
  });
});
