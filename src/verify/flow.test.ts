import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeEngine, type FakeEngine } from '../../test/engine/fake-engine.js';
import { runFlow, type FlowOptions } from './flow.js';

describe('runFlow', () => {
  let dir: string;
  let engine: FakeEngine;
  let lines: string[];

  const options = (over: Partial<FlowOptions> = {}): FlowOptions => ({
    name: 'legacy',
    repoDir: join(dir, 'repo'),
    script: 'build.sh',
    workDir: join(dir, 'work'),
    shim: { engine: { kind: 'podman', path: engine.path }, noCache: false, pullNever: false, label: 'k=v' },
    env: process.env,
    log: (line) => lines.push(line),
    ...over,
  });

  const script = (text: string): Promise<void> => writeFile(join(dir, 'repo', 'build.sh'), text);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'flow-test-'));
    engine = await fakeEngine(join(dir, 'engine'), 'podman');
    await mkdir(join(dir, 'repo'));
    lines = [];
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('returns the last image built, all images, and prefixed output', async () => {
    await script('set -e\ndocker build -t b -f Dockerfile.build .\necho between\ndocker build -t app .\necho oops >&2\n');
    const result = await runFlow(options());
    expect(result.images).toHaveLength(2);
    expect(result.finalImage).toBe(result.images[1]);
    expect(lines).toContain('[legacy] between');
    expect(lines).toContain('[legacy] oops');
    expect(lines.filter((l) => l.startsWith('[legacy] built image'))).toHaveLength(2);
  });

  it('runs the script from the repository root', async () => {
    await script('pwd\n');
    await expect(runFlow(options())).rejects.toThrow('legacy flow: build.sh ran no docker build');
    expect(lines).toEqual([`[legacy] ${join(dir, 'repo')}`]);
  });

  it('reports a failing script in one line', async () => {
    await script('docker build .\nexit 4\n');
    await expect(runFlow(options({ name: 'migrated' }))).rejects.toThrow(
      'migrated flow failed: bash build.sh exited with 4 (see the [migrated] lines above)',
    );
  });

  it('reports a missing script', async () => {
    await expect(runFlow(options({ script: 'ci/build.sh' }))).rejects.toThrow('legacy flow: build script not found: ci/build.sh');
  });

  it('stops the script and its children when aborted', async () => {
    await script('docker build .\nsleep 30 &\nwait\n');
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 300);
    await expect(runFlow(options({ signal: controller.signal }))).rejects.toThrow('legacy flow: interrupted');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
