import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeEngine } from '../../test/engine/fake-engine.js';
import { detectEngine, which } from './engine.js';

describe('detectEngine', () => {
  let dir: string;
  const env = (...bins: string[]): NodeJS.ProcessEnv => ({ PATH: [...bins.map((b) => join(dir, b)), '/usr/bin', '/bin'].join(':') });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'engine-test-'));
    await fakeEngine(join(dir, 'daemonless'), 'docker', 1);
    await fakeEngine(join(dir, 'working'), 'docker');
    await fakeEngine(join(dir, 'podman'), 'podman');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prefers a docker whose daemon answers', async () => {
    expect(await detectEngine({ env: env('working', 'podman') })).toEqual({ kind: 'docker', path: join(dir, 'working', 'docker') });
  });

  it('rejects a docker CLI without a daemon and falls back to podman', async () => {
    expect(await detectEngine({ env: env('daemonless', 'podman') })).toEqual({ kind: 'podman', path: join(dir, 'podman', 'podman') });
  });

  it('honours a forced engine', async () => {
    expect((await detectEngine({ engine: 'podman', env: env('working', 'podman') })).kind).toBe('podman');
    await expect(detectEngine({ engine: 'docker', env: env('daemonless', 'podman') })).rejects.toThrow(
      'no usable container engine: docker daemon not reachable (Cannot connect to the Docker daemon)',
    );
  });

  it('says in one line why no engine fits', async () => {
    const error = await detectEngine({ env: { PATH: join(dir, 'daemonless') } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toMatch(/^no usable container engine: docker daemon not reachable .*; podman is not installed; --verify needs docker with a running daemon, or podman$/);
  });

  it('which skips excluded folders', async () => {
    const path = [join(dir, 'working'), join(dir, 'daemonless')].join(':');
    expect(await which('docker', { PATH: path }, [join(dir, 'working')])).toBe(join(dir, 'daemonless', 'docker'));
    expect(await which('nope', { PATH: path })).toBeUndefined();
  });
});
