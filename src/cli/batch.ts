import { realpathSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { findRepos } from './find-repos.js';
import type { CliOptions } from './options.js';
import type { Prelisted } from './prelisted.js';
import { progressLine } from './progress.js';
import { migrateOptions, printsDiff, shownMigration, type Output, type RepoOutcome } from './run-repo.js';
import { BatchPool, poolThreads } from './batch-pool.js';
import { errorLine, isFolder, migrateFolder, type RepoMigration } from './repo-migration.js';
import { summaryLine } from './summary-line.js';

export interface RepoRun {
  repo: string;
  /** In a batch, the report without the changed files' texts: they go once printed or written. */
  outcome: RepoOutcome;
}

interface ListedRepo {
  dir: string;
  prelisted?: Prelisted;
}

type RunOne = (dir: string, options: CliOptions, out: Output, prelisted?: Prelisted) => RepoOutcome;

/**
 * Every repo named or found under a `--recursive` folder, each on its own: a repo that fails
 * (even with a bug of ours) is reported and the next one runs. With one repo named, the output
 * is that repo's alone; with several, or with `--recursive`, each summary and error starts
 * with the repo, diff paths are prefixed with it (one patch for all), `--json` prints one array,
 * and a closing line counts the outcomes.
 */
export async function runEach(options: CliOptions, out: Output, runOne: RunOne): Promise<RepoRun[]> {
  const { repos, missing, empty } = listRepos(options);
  const batch = options.recursive.length > 0 || options.repos.length > 1;
  if (!batch) return repos.map(({ dir }) => ({ repo: dir, outcome: runOne(dir, options, out) }));
  const progress = progressLine(out.stderr, Boolean(out.interactive) && repos.length > 1);
  const stderr = progress.around(out.stderr);
  const runs: RepoRun[] = missing.map((dir) => {
    stderr(`${dir}: not a folder\n`);
    return { repo: dir, outcome: { exitCode: 2, error: `${dir}: not a folder` } };
  });
  if (!options.quiet) for (const dir of empty) stderr(`${dir}: no repo with a builder pattern found\n`);
  const repoOut = (repo: string): Output => ({ ...out, stdout: progress.around(out.stdout), stderr: labelled(stderr, repo), batch: { diffPrefix: diffPrefixOf(repo) } });
  const threads = options.write ? 0 : poolThreads(repos.length, options.jobs);
  if (threads > 0) {
    await runPooled(repos, threads, options, (i, migration) => {
      const repo = repos[i]!.dir;
      progress.show(i + 1, repos.length, repo);
      runs.push({ repo, outcome: shownMigration(migration, options, repoOut(repo)) });
    });
  } else {
    repos.forEach(({ dir: repo, prelisted }, i) => {
      progress.show(i + 1, repos.length, repo);
      runs.push({ repo, outcome: withoutTexts(guarded(runOne, repo, options, repoOut(repo), prelisted)) });
    });
  }
  progress.clear();
  if (options.json) out.stdout(`${JSON.stringify(runs.map(jsonEntry), null, 2)}\n`);
  if (!options.quiet) out.stderr(`${summaryLine(runs, options)}\n`);
  return runs;
}

/**
 * Named repos first, then what each `--recursive` folder holds; each real folder once. What the
 * search read goes to a dry run or a check; a run that writes reads each repo afresh, since a
 * repo written before it may have changed its files (one repo's folder can hold another).
 */
function listRepos(options: CliOptions): { repos: ListedRepo[]; missing: string[]; empty: string[] } {
  const repos: ListedRepo[] = [];
  const missing: string[] = [];
  const empty: string[] = [];
  const seen = new Set<string>();
  const add = (dir: string, prelisted?: Prelisted): void => {
    const key = prelisted?.real ?? realOrSelf(dir);
    if (!seen.has(key)) repos.push({ dir, prelisted: options.write ? undefined : prelisted });
    seen.add(key);
  };
  for (const dir of options.repos) add(dir);
  for (const root of options.recursive) {
    const found = isFolder(root) ? findRepos(root, options.script) : null;
    if (found === null) missing.push(root);
    else if (found.length === 0) empty.push(root);
    else for (const { dir, prelisted } of found) add(dir, prelisted);
  }
  return { repos, missing, empty };
}

/**
 * The repos migrated on this thread and `threads` others; `show` prints each in order, as soon
 * as it and those before it are done. A batch that writes does not come here: it reads each
 * repo afresh where it writes it.
 */
async function runPooled(repos: ListedRepo[], threads: number, options: CliOptions, show: (index: number, migration: RepoMigration) => void): Promise<void> {
  const prefixes = printsDiff(options) ? repos.map((r) => diffPrefixOf(r.dir)) : null;
  const migrateWith = migrateOptions(options);
  const here = (i: number): RepoMigration => migrateFolder(repos[i]!.dir, migrateWith, prefixes?.[i] ?? null, repos[i]!.prelisted);
  const pool = new BatchPool(BatchPool.job(repos.map((r) => r.dir), migrateWith, prefixes, threads), threads, here);
  let shown = 0;
  for (let i = pool.take(); i >= 0; i = pool.take()) {
    pool.settle(i, here(i));
    for (let ready = pool.ready(shown); ready; ready = pool.ready(shown)) show(shown++, ready);
    // Lets the other threads' results in.
    await new Promise(setImmediate);
  }
  for (; shown < repos.length; shown++) show(shown, await pool.result(shown));
}

function guarded(runOne: RunOne, repo: string, options: CliOptions, out: Output, prelisted?: Prelisted): RepoOutcome {
  try {
    return runOne(repo, options, out, prelisted);
  } catch (err) {
    return shownMigration({ error: errorLine(err) }, options, out);
  }
}

/** Starts each block of lines with the repo, unless the message names it already. */
function labelled(write: (text: string) => void, repo: string): (text: string) => void {
  return (text) => write(text.startsWith(`${repo}: `) ? text : `${repo}: ${text}`);
}

/** The repo's path from the current folder, so that the combined diff applies from there. */
function diffPrefixOf(repo: string): string {
  const rel = isAbsolute(repo) ? relative(process.cwd(), repo) : repo;
  const clean = (rel.startsWith('..') ? repo : rel).split('\\').join('/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  return clean === '.' ? '' : clean.replace(/^\/+/, '');
}

/** Thousands of repos keep only what the summary, --json and --report read: memory stays flat. */
function withoutTexts(outcome: RepoOutcome): RepoOutcome {
  return outcome.result ? { ...outcome, result: { report: outcome.result.report, changes: [] } } : outcome;
}

function jsonEntry({ repo, outcome }: RepoRun): object {
  return { repo, exitCode: outcome.exitCode, report: outcome.result?.report ?? null, error: outcome.error ?? null };
}

function realOrSelf(dir: string): string {
  try {
    return realpathSync.native(dir);
  } catch {
    return dir;
  }
}
