/** What an image contains and how it runs, read through the engine. */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SnapshotData } from './compare.js';
import { engineOk, engineTry, type EngineContext } from './engine-context.js';
import { VerifyError, lastLine } from './errors.js';
import { normalizeConfig, type ImageConfig } from './image-config.js';
import { readTar, type TarEntry } from './tar-reader.js';

export interface Snapshot extends SnapshotData {
  image: string;
}

export async function inspectConfig(ctx: EngineContext, image: string): Promise<ImageConfig> {
  const out = await engineOk(ctx, ['image', 'inspect', image]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(out);
  } catch {
    throw new VerifyError(`${ctx.engine.kind} image inspect ${image}: output is not JSON`);
  }
  return normalizeConfig(Array.isArray(parsed) ? parsed[0] : parsed);
}

/**
 * The image's files via a container that never starts (`create` + `export`).
 * The archive goes to a file: podman cannot export to a pipe.
 */
export async function exportFiles(ctx: EngineContext, image: string, tarFile: string, label: string): Promise<Map<string, TarEntry>> {
  const container = lastLine(await engineOk(ctx, ['create', '--label', label, image, 'true']));
  try {
    await engineOk(ctx, ['export', '-o', tarFile, container]);
    const entries = await readTar(tarFile);
    return new Map(entries.map((e) => [e.path, e]));
  } finally {
    await engineTry(ctx, ['rm', '-f', container]);
    await rm(tarFile, { force: true });
  }
}

export async function snapshotImage(ctx: EngineContext, image: string, workDir: string, label: string): Promise<Snapshot> {
  const config = await inspectConfig(ctx, image);
  const entries = await exportFiles(ctx, image, join(workDir, `export-${randomBytes(4).toString('hex')}.tar`), label);
  return { image, config, entries };
}
