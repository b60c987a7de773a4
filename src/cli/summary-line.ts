import type { RepoRun } from './batch.js';
import type { CliOptions } from './options.js';

/**
 * The closing line of a batch: `12 migrated, 3 already multi-stage, 1 failed, 0 skipped`.
 * Failed is every exit 2 (bad input, a refused migration, an error); skipped is a repo with no
 * builder pattern. A dry run or `--check` says that nothing was written.
 */
export function summaryLine(runs: readonly RepoRun[], options: CliOptions): string {
  const count = { migrated: 0, already: 0, failed: 0, skipped: 0 };
  for (const { outcome } of runs) {
    const status = outcome.result?.report.status;
    if (outcome.exitCode === 2) count.failed++;
    else if (status === 'migrated') count.migrated++;
    else if (status === 'already-multi-stage') count.already++;
    else count.skipped++;
  }
  const line = `${count.migrated} migrated, ${count.already} already multi-stage, ${count.failed} failed, ${count.skipped} skipped`;
  if (options.write) return line;
  return `${line} (${options.check ? '--check' : 'dry run'}: nothing written)`;
}
