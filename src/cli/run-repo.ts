import { MigrateError } from '../errors.js';
import { migrate, type MigrateOptions, type MigrationResult } from '../migrate.js';
import { emptyReport } from '../report/build-report.js';
import { unifiedDiff } from '../report/diff.js';
import { formatMarkdownReports, type MarkdownEntry } from '../report/markdown.js';
import { formatSummary, PLAIN, type Style, type SummaryMode } from '../report/text.js';
import { runEach } from './batch.js';
import { colourDiff } from './colour-diff.js';
import { fsRepo } from './fs-repo.js';
import { uncommittedFiles } from './git-status.js';
import type { CliOptions } from './options.js';
import type { Prelisted } from './prelisted.js';
import { writeReportFile } from './report-file.js';
import { writeChanges } from './write-changes.js';
import { isFolder, underFolder, type RepoMigration } from './repo-migration.js';

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
  /** For the summary on stderr. */
  style: Style;
  /** For the diff on stdout; plain when not given. */
  diffStyle?: Style;
  /** stderr is a terminal: a batch shows its progress there. */
  interactive?: boolean;
  /**
   * Set when this repo is one of several: the batch prints the JSON array and the closing
   * line, and diff paths start with `diffPrefix` so that one patch covers every repo.
   */
  batch?: { diffPrefix: string };
}

export type RepoOutcome = { exitCode: 0 | 1 | 2; result?: MigrationResult; error?: string };

/** Every repo in turn, then the Markdown report when asked for; returns the worst exit code. */
export async function runRepos(options: CliOptions, out: Output): Promise<number> {
  let worst = 0;
  const entries: MarkdownEntry[] = [];
  for (const { repo, outcome } of await runEach(options, out, runRepo)) {
    worst = Math.max(worst, outcome.exitCode);
    entries.push({ repo, report: outcome.result?.report, error: outcome.error });
  }
  if (options.report === undefined) return worst;
  try {
    writeReportFile(options.report, formatMarkdownReports(entries, summaryMode(options)));
  } catch (err) {
    out.stderr(`${options.report}: cannot write the report (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})\n`);
    return 2;
  }
  return worst;
}

export function summaryMode(options: CliOptions): SummaryMode {
  return options.write ? 'write' : options.check ? 'check' : 'dry-run';
}

/**
 * One repo: migrate it, then print, check or write as asked. Never throws for bad input.
 * `prelisted`: what a search already read of it.
 */
export function runRepo(dir: string, options: CliOptions, out: Output, prelisted?: Prelisted): RepoOutcome {
  let outcome: RepoOutcome;
  try {
    outcome = migrateRepo(dir, options, out, prelisted);
  } catch (err) {
    if (!(err instanceof MigrateError)) throw err;
    outcome = { exitCode: 2, error: err.message };
    out.stderr(`${err.message}\n`);
    // A tool reading --json gets JSON for bad input too; a batch prints its own entry.
    if (options.json && !out.batch) out.stdout(`${JSON.stringify(emptyReport('error', err.message, null, []), null, 2)}\n`);
  }
  return outcome;
}

function migrateRepo(dir: string, options: CliOptions, out: Output, prelisted?: Prelisted): RepoOutcome {
  // A folder the search listed is one.
  if (!prelisted && !isFolder(dir)) throw new MigrateError(`${dir}: not a folder`);
  const repo = fsRepo(dir, prelisted);
  const result = migrate(repo, migrateOptions(options));
  const { changes } = result;
  const diff = printsDiff(options) ? unifiedDiff(underFolder(changes, out.batch?.diffPrefix)) : null;
  const shown = showResult(result, diff, options, out);
  if (shown) return shown;
  if (options.write) {
    const dirty = options.force ? [] : uncommittedFiles(dir, changes.map((c) => c.path));
    if (dirty.length > 0) {
      throw new MigrateError(`${dir}: uncommitted changes in ${dirty.join(', ')}; commit or stash them, or pass --force`);
    }
    writeChanges(dir, changes, (path) => repo.originalBytes(path));
    if (!options.quiet) out.stderr(`wrote ${changes.map((c) => c.path).join(', ')}\n`);
  } else if (!options.quiet && !options.json && !out.batch) {
    out.stderr(out.style.dim('dry run: nothing written; --write applies it\n'));
  }
  return { exitCode: 0, result };
}

export function migrateOptions(options: CliOptions): MigrateOptions {
  return { script: options.script, keepLegacy: options.keepLegacy, makeTarget: options.makeTarget, unsafe: options.unsafe };
}

/** A dry run prints the patch on stdout; --json, --check and --write do not. */
export function printsDiff(options: CliOptions): boolean {
  return !options.json && !options.write && !options.check;
}

/**
 * Prints what a migration gives, the patch made beforehand (`diff`); returns the outcome,
 * or null where a write or the dry run's closing line is still to come.
 */
function showResult(result: MigrationResult, diff: string | null, options: CliOptions, out: Output): RepoOutcome | null {
  const { report, changes } = result;
  if (options.json) {
    if (!out.batch) out.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else if (diff !== null) out.stdout(colourDiff(diff, out.diffStyle ?? PLAIN));
  if (!options.quiet || report.status === 'refused') out.stderr(`${formatSummary(report, out.style, summaryMode(options))}\n`);
  if (report.status === 'refused') return { exitCode: 2, result };
  if (changes.length === 0) return { exitCode: 0, result };
  if (options.check) return { exitCode: 1, result };
  return null;
}

/** A repo of a batch that does not write, migrated on another thread: printed as `runRepo` would. */
export function shownMigration(migration: RepoMigration, options: CliOptions, out: Output): RepoOutcome {
  if ('error' in migration) {
    out.stderr(`${migration.error}\n`);
    return { exitCode: 2, error: migration.error };
  }
  return showResult(migration.result, migration.diff, options, out) ?? { exitCode: 0, result: migration.result };
}
