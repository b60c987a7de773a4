import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeEngine, type FakeEngine } from '../../test/engine/fake-engine.js';
import { verifyRepo } from './verify.js';

const HICCUP = 'Close_Fd sealing memfd copy: Device or resource busy';

describe('verifyRepo when the container runtime fails', () => {
  let dir: string;
  let engine: FakeEngine;
  let lines: string[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'verify-retry-test-'));
    engine = await fakeEngine(join(dir, 'engine'), 'podman');
    await writeFile(join(dir, 'engine', 'images.txt'), '');
    await mkdir(join(dir, 'repo'));
    lines = [];
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const verify = (script: string): Promise<unknown> =>
    writeFile(join(dir, 'repo', 'build.sh'), script).then(() =>
      verifyRepo({
        repoDir: join(dir, 'repo'),
        script: 'build.sh',
        changes: new Map(),
        engine: 'podman',
        env: { PATH: `${dirname(engine.path)}:${process.env.PATH}` },
        tmpDir: dir,
        log: (line) => lines.push(line),
      }),
    );

  it('runs the flow once more, after removing what the failed run built', async () => {
    await expect(verify(`docker build -t app .\necho '${HICCUP}' >&2\nexit 1\n`)).rejects.toThrow(
      'legacy flow failed: bash build.sh exited with 1 (see the [legacy] lines above)',
    );
    expect(lines.filter((l) => l === `[legacy] ${HICCUP}`)).toHaveLength(2);
    expect(lines).toContain(`[verify] the container runtime failed, not the build (${HICCUP}); running the legacy flow again`);
    const calls = await engine.calls();
    const builds = calls.flatMap((c, i) => (c.startsWith('build ') ? [i] : []));
    expect(builds).toHaveLength(2);
    // The first run's image is gone before the second run starts.
    expect(calls.slice(builds[0], builds[1]).some((c) => c.startsWith('rmi -f '))).toBe(true);
  });

  it('goes on with the second run when it passes', async () => {
    const marker = join(dir, 'failed-once');
    await expect(verify(`docker build -t app .\n[ -e '${marker}' ] && exit 0\ntouch '${marker}'\necho '${HICCUP}' >&2\nexit 1\n`)).rejects.toThrow();
    expect(lines.filter((l) => /^\[verify\] (legacy|migrated) flow built/.test(l))).toHaveLength(2);
  });

  it('does not run a build that failed by itself again', async () => {
    await expect(verify('docker build -t app .\necho "go: cannot find main module" >&2\nexit 1\n')).rejects.toThrow('legacy flow failed');
    expect(lines.some((l) => l.includes('running the legacy flow again'))).toBe(false);
    expect((await engine.calls()).filter((c) => c.startsWith('build '))).toHaveLength(1);
  });
});
