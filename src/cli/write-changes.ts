import { chmodSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { FileChange } from '../report/diff.js';

/** Test hook: fail after this many renames, to prove a failed write leaves the repo as it was. */
export interface WriteOptions {
  failAfterRenames?: number;
}

/**
 * Writes every change or none: each file goes to a temporary file in its own folder (same
 * mode), then all are renamed into place; deletions come last. A failure puts back what was
 * already replaced, from the original bytes.
 */
export function writeChanges(root: string, changes: FileChange[], original: (path: string) => Buffer | undefined, options: WriteOptions = {}): void {
  const staged: { target: string; temp: string; path: string }[] = [];
  try {
    for (const change of changes.filter((c) => c.after !== null)) {
      const target = join(root, change.path);
      const temp = join(dirname(target), `.${basename(target)}.${process.pid}.msm-tmp`);
      writeFileSync(temp, change.after!, { flag: 'wx' });
      staged.push({ target, temp, path: change.path });
      const mode = modeOf(target);
      if (mode !== undefined) chmodSync(temp, mode);
    }
  } catch (err) {
    for (const s of staged) rmSync(s.temp, { force: true });
    throw err;
  }
  const done: typeof staged = [];
  try {
    for (const s of staged) {
      if (options.failAfterRenames !== undefined && done.length >= options.failAfterRenames) throw new Error('simulated failure while writing');
      renameSync(s.temp, s.target);
      done.push(s);
    }
  } catch (err) {
    for (const s of staged.filter((x) => !done.includes(x))) rmSync(s.temp, { force: true });
    for (const s of done) restore(s.target, original(s.path));
    throw err;
  }
  for (const change of changes.filter((c) => c.after === null)) rmSync(join(root, change.path), { force: true });
}

function modeOf(path: string): number | undefined {
  try {
    return statSync(path).mode & 0o7777;
  } catch {
    return undefined;
  }
}

function restore(target: string, bytes: Buffer | undefined): void {
  if (bytes === undefined) rmSync(target, { force: true });
  else writeFileSync(target, bytes);
}
