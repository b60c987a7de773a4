import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeEngine, type FakeEngine } from '../../test/engine/fake-engine.js';
import type { EngineContext } from './engine-context.js';
import { imageState, removeNewImages, restoreTags } from './images.js';

const id = (n: number): string => String(n).repeat(64);

describe('leaving the engine as found', () => {
  let dir: string;
  let engine: FakeEngine;
  let ctx: EngineContext;
  const holds = (lines: string[]): Promise<void> => writeFile(join(dir, 'images.txt'), lines.map((l) => `${l}\n`).join(''));

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'images-test-'));
    engine = await fakeEngine(dir, 'podman');
    ctx = { engine: { kind: 'podman', path: engine.path }, env: process.env };
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads ids and tags, ignoring untagged images', async () => {
    await holds([`sha256:${id(1)} localhost/demo:latest`, `sha256:${id(2)} <none>:<none>`]);
    const state = await imageState(ctx);
    expect([...state.ids]).toEqual([id(1), id(2)]);
    expect(state.tags).toEqual([{ id: id(1), name: 'localhost/demo:latest' }]);
  });

  it('removes only images that did not exist before, in one call', async () => {
    await holds([`sha256:${id(1)} localhost/demo:latest`]);
    const before = await imageState(ctx);
    await removeNewImages(ctx, [`sha256:${id(1)}`, `sha256:${id(3)}`, id(4)], before);
    expect((await engine.calls()).at(-1)).toBe(`rmi -f ${id(3)} ${id(4)}`);
  });

  it('puts back a tag a build script moved', async () => {
    await holds([`sha256:${id(1)} localhost/demo:latest`]);
    const before = await imageState(ctx);
    await holds([`sha256:${id(1)} <none>:<none>`]);
    await restoreTags(ctx, before);
    expect((await engine.calls()).at(-1)).toBe(`tag ${id(1)} localhost/demo:latest`);
  });
});
