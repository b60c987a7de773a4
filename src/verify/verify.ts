/**
 * `--verify`: build the image the legacy way and the migrated way, in two
 * copies of the repository, and compare what came out.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compareSnapshots } from './compare.js';
import { compareHostFiles } from './host-files.js';
import { detectEngine, type EngineKind } from './engine.js';
import { bareId, type EngineContext } from './engine-context.js';
import { FlowFailed, runFlow, type FlowResult } from './flow.js';
import { imageState, removeLabelledContainers, removeNewImages, restoreTags, type ImageState } from './images.js';
import { applyChanges, copyRepo } from './repo-copy.js';
import { builtImages } from './shim.js';
import { withSignalAbort } from './signals.js';
import { snapshotImage } from './snapshot.js';

export interface VerifyOptions {
  repoDir: string;
  /** Repository-relative path of the legacy build script. */
  script: string;
  /** How the build runs from the repo folder (default: `bash SCRIPT`). */
  command?: string[];
  /** Repository-relative path of the rewritten script; defaults to `script`. */
  migratedScript?: string;
  /** The migration: new text per repository-relative path, null to delete. */
  changes: ReadonlyMap<string, string | null>;
  engine?: EngineKind;
  /** Extra environment for the engine and the scripts (e.g. a private podman setup). */
  env?: Record<string, string>;
  /** podman only: fail instead of pulling a missing base image. */
  pullNever?: boolean;
  /** Where the temporary copies go; defaults to the system temp folder. */
  tmpDir?: string;
  /** Progress lines (script output prefixed with [legacy] / [migrated]). */
  log: (line: string) => void;
  /** Repository-relative paths both flows must leave the same on the host (what an export writes back). */
  hostFiles?: string[];
}

export interface VerifyResult {
  identical: boolean;
  /** Number of paths compared (present in either image). */
  entries: number;
  differences: string[];
  engine: EngineKind;
}

interface Run {
  o: VerifyOptions;
  ctx: EngineContext;
  work: string;
  label: string;
  signal: AbortSignal;
  /** The engine's images before verification started: the ones it must leave. */
  before: ImageState;
}

const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function flow(run: Run, name: 'legacy' | 'migrated', script: string): Promise<FlowResult> {
  try {
    return await flowOnce(run, name, script);
  } catch (e) {
    if (!(e instanceof FlowFailed) || e.hiccup === undefined || run.signal.aborted) throw e;
    // The runtime failed, not the build: one more run tells the two apart.
    run.o.log(`[verify] the container runtime failed, not the build (${e.hiccup}); running the ${name} flow again`);
    await forgetAttempt(run, name);
    return flowOnce(run, name, script);
  }
}

async function flowOnce(run: Run, name: 'legacy' | 'migrated', script: string): Promise<FlowResult> {
  const { o, ctx, work, label, signal } = run;
  const started = Date.now();
  const dir = join(work, name);
  const repoDir = join(dir, 'repo');
  await copyRepo(resolve(o.repoDir), repoDir, work);
  if (name === 'migrated') await applyChanges(repoDir, o.changes);
  // Only the migrated build skips the cache, so it cannot reuse layers the legacy build just made.
  const shim = { engine: ctx.engine, noCache: name === 'migrated', pullNever: o.pullNever ?? false, label };
  const result = await runFlow({ name, repoDir, script, command: o.command, workDir: dir, shim, env: ctx.env, log: o.log, signal });
  o.log(`[verify] ${name} flow built ${bareId(result.finalImage).slice(0, 12)} in ${seconds(started)}`);
  return result;
}

/** Remove what a failed run of a flow built and wrote, so the next run starts clean. */
async function forgetAttempt(run: Run, name: string): Promise<void> {
  await removeBuilt(run, [name]);
  await rm(join(run.work, name), { recursive: true, force: true, maxRetries: 3 });
}

/** The containers verification made, and the images the named flows built that were not there before. */
async function removeBuilt(run: Run, names: string[]): Promise<void> {
  const built: string[] = [];
  for (const name of names) built.push(...(await builtImages(join(run.work, name, 'log')).catch(() => [])));
  await removeLabelledContainers(run.ctx, run.label).catch(() => undefined);
  await removeNewImages(run.ctx, built, run.before).catch(() => undefined);
}

async function compareFlows(run: Run): Promise<Omit<VerifyResult, 'engine'>> {
  const legacy = await flow(run, 'legacy', run.o.script);
  const migrated = await flow(run, 'migrated', run.o.migratedScript ?? run.o.script);
  const started = Date.now();
  const pairs = imagePairs(legacy, migrated);
  let entries = 0;
  const differences: string[] = [];
  for (const pair of pairs) {
    const [a, b] = await Promise.all([
      snapshotImage(run.ctx, pair.legacy, join(run.work, 'legacy'), run.label),
      snapshotImage(run.ctx, pair.migrated, join(run.work, 'migrated'), run.label),
    ]);
    const prefix = pairs.length > 1 ? `${pair.name}: ` : '';
    differences.push(...compareSnapshots(a, b).map((d) => prefix + d));
    entries += new Set([...a.entries.keys(), ...b.entries.keys()]).size;
  }
  const what = pairs.length > 1 ? ` of ${pairs.length} images (${pairs.map((p) => p.name).join(', ')})` : '';
  run.o.log(`[verify] compared ${entries} paths and the image config${what} in ${seconds(started)}`);
  if (run.o.hostFiles?.length) {
    differences.push(...(await compareHostFiles(join(run.work, 'legacy', 'repo'), join(run.work, 'migrated', 'repo'), run.o.hostFiles)));
    run.o.log(`[verify] compared the host files ${run.o.hostFiles.join(', ')}`);
  }
  return { identical: differences.length === 0, entries, differences };
}

/**
 * What to compare: every tag both flows built (a script that ships several images ships each
 * under its tag), and the last image each built when that one has no tag in common.
 */
export function imagePairs(legacy: Pick<FlowResult, 'finalImage' | 'tagged'>, migrated: Pick<FlowResult, 'finalImage' | 'tagged'>): { name: string; legacy: string; migrated: string }[] {
  const pairs = new Map<string, { name: string; legacy: string; migrated: string }>();
  for (const [tag, id] of migrated.tagged) {
    const old = legacy.tagged.get(tag);
    if (old !== undefined && !pairs.has(`${old} ${id}`)) pairs.set(`${old} ${id}`, { name: tag, legacy: old, migrated: id });
  }
  const finalKey = `${legacy.finalImage} ${migrated.finalImage}`;
  if (![...pairs.values()].some((p) => p.migrated === migrated.finalImage)) pairs.set(finalKey, { name: 'final image', legacy: legacy.finalImage, migrated: migrated.finalImage });
  return [...pairs.values()];
}

/** Best effort: a failing step must not keep the others from running. */
async function cleanup(run: Run): Promise<void> {
  const started = Date.now();
  await removeBuilt(run, ['legacy', 'migrated']);
  await restoreTags(run.ctx, run.before).catch(() => undefined);
  await rm(run.work, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  run.o.log(`[verify] removed temporary images and folders in ${seconds(started)}`);
}

export function verifyRepo(o: VerifyOptions): Promise<VerifyResult> {
  return withSignalAbort(async (signal) => {
    const work = await mkdtemp(join(o.tmpDir ?? tmpdir(), 'multistage-migrate-verify-'));
    try {
      // The copies have no .git; keep git from finding an unrelated repository above them.
      const env = { ...process.env, ...o.env, GIT_CEILING_DIRECTORIES: work };
      const engine = await detectEngine({ engine: o.engine, env });
      const ctx: EngineContext = { engine, env };
      o.log(`[verify] engine: ${engine.kind} (${engine.path})`);
      const before = await imageState(ctx);
      const run: Run = { o, ctx, work, label: `multistage-migrate.verify=${randomBytes(6).toString('hex')}`, signal, before };
      try {
        return { ...(await compareFlows(run)), engine: engine.kind };
      } finally {
        await cleanup(run);
      }
    } finally {
      await rm(work, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
    }
  });
}
