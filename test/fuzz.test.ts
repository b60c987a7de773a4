import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, fingerprint } from './support/cli.js';
import { generatedRepo, MUTATED, mutatedRepo, seedRepos, type FuzzRepo } from './support/fuzz-inputs.js';
import { MigrateWorker } from './support/fuzz-pool.js';

// `npm test` runs a fixed-seed slice; `npm run fuzz` a long run (FUZZ_RUNS=N, FUZZ_SEED=S).
// Every case runs, a failure does not stop the run: the test fails at the end with the list.
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 20_240_611);
const CLI_RUNS = Math.max(4, Math.round(RUNS / 40));
const TIMEOUT = RUNS > 500 ? 0 : 120_000;
// A bound for one case, far above what any should take: past it, a case is a hang.
const CASE_MS = 30_000;

const seeds = seedRepos();
const worker = new MigrateWorker(CASE_MS);
const tried = { library: 0, migrated: 0, cli: 0 };
const failures: string[] = [];
afterAll(async () => {
  await worker.close();
  console.log(`fuzz: ${tried.library} library cases (${tried.migrated} migrated, then run again), ${tried.cli} CLI cases, ${failures.length} failures, seed ${SEED}`);
});

describe('fuzz: migrate() on broken and random repos', () => {
  it('mutated fixtures and samples end in a migration or a MigrateError, in bounded time; a migrated repo then has nothing left to do', { timeout: TIMEOUT }, async () => {
    await fc.assert(fc.asyncProperty(mutatedRepo(seeds), (repo) => libraryCase('mutated', repo)), { seed: SEED, numRuns: RUNS });
    expectNoFailures('mutated');
  });

  it('generated scripts and Dockerfiles, likewise', { timeout: TIMEOUT }, async () => {
    await fc.assert(fc.asyncProperty(generatedRepo, (repo) => libraryCase('generated', repo)), { seed: SEED + 1, numRuns: Math.ceil(RUNS / 2) });
    expectNoFailures('generated');
  });
});

describe('fuzz: the command line', () => {
  it('exit 0, or exit 2 with one line (or the refusal summary), and nothing written on error; the dry run\'s diff makes what --write writes', { timeout: TIMEOUT }, () => {
    const bytes = fc.option(fc.uint8Array({ minLength: 1, maxLength: 16 }), { nil: undefined });
    fc.assert(fc.property(fc.oneof(mutatedRepo(seeds), generatedRepo), bytes, cliCase), { seed: SEED + 2, numRuns: CLI_RUNS });
    expectNoFailures('cli');
  });
});

async function libraryCase(kind: 'mutated' | 'generated', repo: FuzzRepo): Promise<void> {
  tried.library++;
  const result = await worker.run(repo);
  if (result.outcome === 'ok' && result.detail.startsWith('migrated')) tried.migrated++;
  if (result.outcome !== 'ok' && result.outcome !== 'error') failures.push(`${kind}: ${result.outcome}: ${result.detail.split('\n')[0]!.slice(0, 200)}\n  on ${describeRepo(repo)}`);
}

/** The repo on disk, with raw bytes (perhaps not UTF-8) spliced into its script. */
function cliCase(repo: FuzzRepo, bytes: Uint8Array | undefined): void {
  tried.cli++;
  const base = mkdtempSync(join(tmpdir(), 'msm-fuzz-'));
  try {
    for (const [path, text] of Object.entries(repo.files)) {
      mkdirSync(dirname(join(base, path)), { recursive: true });
      const data = Buffer.from(text, 'utf8');
      writeFileSync(join(base, path), bytes && path === 'build.sh' ? Buffer.concat([data.subarray(0, data.length >> 1), bytes, data.subarray(data.length >> 1)]) : data);
    }
    const before = fingerprint(base);
    const script = repo.script ? ['--script', repo.script] : [];
    const patched = patchedCopy(base, script);
    const run = spawnSync(process.execPath, [CLI, '--write', base, ...script], { encoding: 'utf8', timeout: CASE_MS, env: { ...process.env, NO_COLOR: '1' } });
    const problem = cliProblem(run, () => fingerprint(base), before) ?? patchProblem(patched, run.status === 0 ? fingerprint(base) : null);
    if (problem) failures.push(`cli: ${problem}\n  on ${describeRepo(repo)}`);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

/** The dry run's diff applied with `git apply` to a copy of the repo; null when there is no diff. */
function patchedCopy(dir: string, script: string[]): { files: Record<string, string> } | { error: string } | null {
  const dry = spawnSync(process.execPath, [CLI, '.', ...script], { cwd: dir, encoding: 'utf8', timeout: CASE_MS, env: { ...process.env, NO_COLOR: '1' } });
  if (dry.status !== 0 || dry.stdout === '') return null;
  const copy = `${dir}-patched`;
  cpSync(dir, copy, { recursive: true });
  try {
    const apply = spawnSync('git', ['apply', '--whitespace=nowarn', '-'], { cwd: copy, input: dry.stdout, encoding: 'utf8' });
    return apply.status === 0 ? { files: fingerprint(copy) } : { error: `git apply refused the dry run's diff: ${apply.stderr.trim().split('\n')[0]}` };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** The diff a dry run prints must make, applied, what `--write` writes. */
function patchProblem(patched: ReturnType<typeof patchedCopy>, written: Record<string, string> | null): string | null {
  if (patched === null || written === null) return null;
  if ('error' in patched) return patched.error;
  const differs = Object.keys({ ...patched.files, ...written }).filter((p) => patched.files[p] !== written[p]);
  return differs.length === 0 ? null : `the dry run's diff, applied, differs from what --write wrote: ${differs.join(', ')}`;
}

function cliProblem(run: ReturnType<typeof spawnSync>, after: () => unknown, before: unknown): string | null {
  const stderr = String(run.stderr);
  if (run.signal) return `cut off after ${CASE_MS} ms: a hang`;
  if (stderr.includes('internal error')) return stderr.trim().slice(0, 200);
  if (run.status !== 0 && run.status !== 2) return `exit ${run.status}`;
  if (run.status === 2) {
    const refusal = stderr.split('\n')[0]!.endsWith('(not migrated)');
    if (!refusal && stderr.trimEnd().split('\n').length !== 1) return `not one line: ${stderr.slice(0, 200)}`;
    if (JSON.stringify(after()) !== JSON.stringify(before)) return 'wrote files although it failed';
  }
  return null;
}

/** Each file's path, size and first characters: enough to rebuild the case by hand. */
function describeRepo(repo: FuzzRepo): string {
  const cut = (t: string) => JSON.stringify(t.length > 120 ? `${t.slice(0, 120)}…` : t);
  return Object.entries(repo.files)
    .filter(([p]) => MUTATED.test(p))
    .map(([p, t]) => `${p} (${t.length} chars) ${cut(t)}`)
    .join('\n    ');
}

function expectNoFailures(kind: string): void {
  const mine = failures.filter((f) => f.startsWith(`${kind}:`));
  expect(mine, `${mine.length} failing ${kind} cases`).toEqual([]);
}
