// The engine part of the bench: each sample's own build before and after migration, with
// podman. The legacy script runs through the docker shim of --verify, the migrated one the
// same way, both without cache, in turn, each in a fresh copy of the sample and from a storage
// holding only the base images; then what each left behind is counted.
import { lstat, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sampleFolders } from './corpus.mjs';
import { closeStorage, leftInStorage, openStorage, resetStorage, storageBytes } from './engine-storage.mjs';
import { median } from './measure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
const lib = await dist('index.js');
const { runFlow } = await dist('verify/flow.js');
const { applyChanges, copyRepo } = await dist('verify/repo-copy.js');
const { withSignalAbort } = await dist('verify/signals.js');

const LABEL = 'multistage-migrate.bench=1';

/**
 * Per sample, the median wall time of each flow and what it left; `skipped` says why nothing
 * was measured (no podman, a storage podman refuses). Ctrl-C still removes the storage.
 */
export function measureEngine(runs, log) {
  return withSignalAbort(async (signal) => {
    let storage;
    try {
      storage = await openStorage();
    } catch (err) {
      return { skipped: err.message.split('\n')[0] };
    }
    try {
      const samples = [];
      for (const sample of sampleFolders(root)) samples.push(await measureSample(storage, sample, runs, signal, log));
      return { engine: storage.version, samples };
    } finally {
      await closeStorage(storage);
    }
  });
}

async function measureSample(storage, sample, runs, signal, log) {
  const at = sample.args.indexOf('--script');
  const { report, changes, command } = lib.migrate(lib.fsRepo(sample.dir), { script: at < 0 ? undefined : sample.args[at + 1] });
  const flows = [
    { name: 'legacy', changes: new Map(), ms: [] },
    { name: 'migrated', changes: new Map(changes.map((c) => [c.path, c.after])), ms: [] },
  ];
  try {
    for (let i = 0; i < runs; i++) {
      for (const flow of flows) {
        const { ms, left } = await buildOnce(storage, { ...flow, dir: sample.dir, script: report.script, command, signal });
        flow.ms.push(ms);
        flow.left = left;
        log(`engine: ${sample.name}, ${flow.name} ${i + 1}/${runs}: ${(ms / 1000).toFixed(1)} s`);
      }
    }
  } catch (err) {
    if (signal.aborted) throw err;
    log(`engine: ${sample.name} failed: ${err.message}`);
    return { name: sample.name, failed: err.message };
  }
  const [legacy, migrated] = flows.map((f) => ({ ms: median(f.ms), left: f.left }));
  return { name: sample.name, legacy, migrated };
}

/** One build in a fresh copy of the sample: its wall time, and what it left on disk. */
async function buildOnce(storage, o) {
  const work = await mkdtemp(join(tmpdir(), `msm-bench-${o.name}-`));
  try {
    const repoDir = join(work, 'repo');
    await copyRepo(o.dir, repoDir, work);
    await applyChanges(repoDir, o.changes);
    const filesBefore = await listFiles(repoDir);
    const bytesBefore = await storageBytes(storage);
    const lines = [];
    const shim = { engine: storage.ctx.engine, noCache: true, pullNever: true, label: LABEL };
    // The copy has no .git: keep git from finding the repository around the temp folder.
    const env = { ...storage.ctx.env, GIT_CEILING_DIRECTORIES: work };
    const start = process.hrtime.bigint();
    await runFlow({ name: o.name, repoDir, script: o.script, command: o.command, workDir: work, shim, env, log: (l) => lines.push(l), signal: o.signal }).catch((err) => {
      throw new Error(`${err.message}\n${lines.slice(-20).join('\n')}`);
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const files = [...(await listFiles(repoDir))].filter((f) => !filesBefore.has(f));
    const left = { ...(await leftInStorage(storage)), bytes: (await storageBytes(storage)) - bytesBefore, files };
    return { ms, left };
  } finally {
    await resetStorage(storage);
    await rm(work, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** Every path under `dir`, folders included, relative to it. */
async function listFiles(dir, base = dir, out = new Set()) {
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    out.add(relative(base, path));
    if ((await lstat(path)).isDirectory()) await listFiles(path, base, out);
  }
  return out;
}
