import { statSync } from 'node:fs';
import { MigrateError } from '../errors.js';
import { migrate, type MigrationResult } from '../migrate.js';
import { unifiedDiff } from '../report/diff.js';
import { formatSummary, type Style } from '../report/text.js';
import { fsRepo } from './fs-repo.js';
import { uncommittedFiles } from './git-status.js';
import type { CliOptions } from './options.js';
import { writeChanges } from './write-changes.js';

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
  style: Style;
}

export type RepoOutcome = { exitCode: 0 | 1 | 2; result?: MigrationResult; error?: string };

/** One repo: migrate it, then print, check or write as asked. Never throws for bad input. */
export function runRepo(dir: string, options: CliOptions, out: Output): RepoOutcome {
  let outcome: RepoOutcome;
  try {
    outcome = migrateRepo(dir, options, out);
  } catch (err) {
    if (!(err instanceof MigrateError)) throw err;
    outcome = { exitCode: 2, error: err.message };
    out.stderr(`${err.message}\n`);
  }
  return outcome;
}

function migrateRepo(dir: string, options: CliOptions, out: Output): RepoOutcome {
  if (!isFolder(dir)) throw new MigrateError(`${dir}: not a folder`);
  const repo = fsRepo(dir);
  const result = migrate(repo, { script: options.script, keepLegacy: options.keepLegacy });
  const { report, changes } = result;
  if (options.json) out.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else if (!options.write && !options.check) out.stdout(unifiedDiff(changes));
  if (!options.quiet || report.status === 'refused') out.stderr(`${formatSummary(report, out.style, options.write ? 'write' : options.check ? 'check' : 'dry-run')}\n`);
  if (report.status === 'refused') return { exitCode: 2, result };
  if (changes.length === 0) return { exitCode: 0, result };
  if (options.check) return { exitCode: 1, result };
  if (options.write) {
    const dirty = options.force ? [] : uncommittedFiles(dir, changes.map((c) => c.path));
    if (dirty.length > 0) {
      throw new MigrateError(`${dir}: uncommitted changes in ${dirty.join(', ')}; commit or stash them, or pass --force`);
    }
    writeChanges(dir, changes, (path) => repo.originalBytes(path));
    if (!options.quiet) out.stderr(`wrote ${changes.map((c) => c.path).join(', ')}\n`);
  } else if (!options.quiet && !options.json) {
    out.stderr(out.style.dim('dry run: nothing written; --write applies it\n'));
  }
  return { exitCode: 0, result };
}

function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
