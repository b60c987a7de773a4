/**
 * Engine tests run only with podman (in the private storage the global setup
 * made). Without it they are skipped with a line saying how to enable them;
 * in CI (CI=true) a missing engine is a failure, not a skip.
 */
import { describe, inject, it } from 'vitest';
import type { EngineContext } from '../../src/verify/engine-context.js';
import { ensureBaseImage } from './base-image.js';
import type { EngineSetup } from './engine-setup.js';

export interface TestEngine {
  podman: string;
  root: string;
  env: Record<string, string>;
  ctx: EngineContext;
}

const setup: EngineSetup = inject('engineSetup') ?? {
  ready: false,
  reason: 'the global setup did not run (see globalSetup in vitest.config.ts)',
};

/** The engine, with the base image built; call from beforeAll inside describeEngine. */
export async function testEngine(): Promise<TestEngine> {
  if (!setup.ready) throw new Error(`no container engine: ${setup.reason}`);
  await ensureBaseImage(setup);
  const env = { ...process.env, ...setup.env };
  return { podman: setup.podman, root: setup.root, env: setup.env, ctx: { engine: { kind: 'podman', path: setup.podman }, env } };
}

/** `describe` for tests that need the engine. */
export function describeEngine(name: string, body: () => void): void {
  if (setup.ready) {
    describe(name, body);
    return;
  }
  const why = `engine tests need podman (${setup.reason}); enable them with: sudo scripts/install-engine.sh`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has a container engine', () => {
        throw new Error(why);
      });
    });
    return;
  }
  console.warn(`SKIPPED ${name}: ${why}`);
  describe.skip(name, body);
}
