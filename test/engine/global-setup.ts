/**
 * Vitest global setup: a private podman storage for this test run (the
 * machine's images are never touched), removed when the run ends. Nothing
 * here calls podman: checking the storage and building the base image happen
 * on first use (base-image.ts), so runs without engine tests do not pay for it.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { which } from '../../src/verify/engine.js';
import { removePodmanEnv, writePodmanEnv } from '../../src/verify/podman-env.js';
import type { EngineSetup } from './engine-setup.js';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const provide = (value: EngineSetup): void => project.provide('engineSetup', value);
  const podman = await which('podman', process.env);
  if (podman === undefined) {
    provide({ ready: false, reason: 'podman is not installed' });
    return undefined;
  }
  const root = await mkdtemp(join(tmpdir(), 'multistage-migrate-engine-'));
  const setup = await writePodmanEnv(root);
  provide({ ready: true, podman, root, env: setup.env });
  return () => removePodmanEnv(root);
}
