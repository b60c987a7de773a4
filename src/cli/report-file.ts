import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes the report so that a reader never sees half of it: a temporary file in the same
 * folder, renamed over the target.
 */
export function writeReportFile(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.msm-tmp`);
  try {
    writeFileSync(temp, text, { flag: 'wx' });
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
