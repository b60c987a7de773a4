import { statSync } from 'node:fs';
import { MigrateError } from '../errors.js';
import { migrate, type MigrateOptions, type MigrationResult } from '../migrate.js';
import { unifiedDiff, type FileChange } from '../report/diff.js';
import { fsRepo } from './fs-repo.js';
import type { Prelisted } from './prelisted.js';

/**
 * One repo of a batch migrated, in a form that crosses threads: the report and the dry run's
 * patch, or the one-line error. The changed files' texts are not kept: a batch that writes
 * runs each repo where it writes.
 */
export type RepoMigration = { result: MigrationResult; diff: string | null } | { error: string };

/** `diffPrefix`: the repo's path in the batch's one patch; null where no patch is printed. */
export function migrateFolder(dir: string, options: MigrateOptions, diffPrefix: string | null, prelisted?: Prelisted): RepoMigration {
  try {
    // A folder the search listed is one.
    if (!prelisted && !isFolder(dir)) throw new MigrateError(`${dir}: not a folder`);
    const result = migrate(fsRepo(dir, prelisted), options);
    const diff = diffPrefix === null ? null : unifiedDiff(underFolder(result.changes, diffPrefix));
    return { result: { ...result, changes: result.changes.map(({ path }) => ({ path, before: null, after: null })) }, diff };
  } catch (err) {
    return { error: errorLine(err) };
  }
}

/** What a batch prints for a repo whose run threw: the input's error, or a bug of ours, which must not stop the others. */
export function errorLine(err: unknown): string {
  return err instanceof MigrateError ? err.message : `internal error: ${(err as Error)?.message ?? String(err)}`;
}

export function underFolder(changes: FileChange[], prefix: string | undefined): FileChange[] {
  return prefix ? changes.map((c) => ({ ...c, path: `${prefix}/${c.path}` })) : changes;
}

export function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
