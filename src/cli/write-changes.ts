import { chmodSync, linkSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { MigrateError } from '../errors.js';
import type { FileChange } from '../report/diff.js';

/** Test hook: fail after this many renames, to prove a failed write leaves the repo as it was. */
export interface WriteOptions {
  failAfterRenames?: number;
}

interface Step {
  path: string;
  target: string;
  /** New content, written beside the target; null for a deletion. */
  temp: string | null;
  /** The original, kept under another name until every step is done; null for a new file. */
  backup: string | null;
  done: boolean;
}

/**
 * Writes every change or none. New contents go to temporary files beside their targets (same
 * folder, so a rename is atomic; same mode as the file they replace). Then each original is
 * kept under a backup name (a hard link, or the file itself for a deletion) and the temporary
 * files are renamed into place. A failure on the way renames the backups back: the repo is as
 * it was, byte for byte. A file that changed on disk since it was read stops the write.
 */
export function writeChanges(root: string, changes: FileChange[], original: (path: string) => Buffer | undefined, options: WriteOptions = {}): void {
  const steps: Step[] = [];
  let current = '';
  try {
    for (const change of changes) {
      current = change.path;
      steps.push(stage(root, change, original(change.path)));
    }
    let renames = 0;
    for (const step of steps) {
      current = step.path;
      if (options.failAfterRenames !== undefined && renames++ >= options.failAfterRenames) throw new Error('simulated failure while writing');
      commit(step);
    }
  } catch (err) {
    const stuck = rollBack(steps);
    const why = err instanceof MigrateError ? err.message : `cannot write ${current} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): nothing written`;
    throw new MigrateError(stuck.length === 0 ? why : `${why}; could not put back ${stuck.join(', ')}`);
  }
  for (const step of steps) if (step.backup) rmSync(step.backup, { force: true });
}

function stage(root: string, change: FileChange, bytes: Buffer | undefined): Step {
  const target = join(root, change.path);
  if (isOutside(root, target)) throw new MigrateError(`${change.path} is outside the repo: nothing written`);
  const unchanged = bytes === undefined ? !exists(target) : sameBytes(target, bytes);
  if (!unchanged) throw new MigrateError(`${change.path} changed on disk while it was migrated: nothing written; run again`);
  // A symlink in the repo stays one: the file it points to gets the new text.
  const step: Step = { path: change.path, target: change.after !== null && bytes !== undefined ? realpathSync(target) : target, temp: null, backup: null, done: false };
  if (isOutside(realpathSync(root), step.target) && step.target !== target) throw new MigrateError(`${change.path} is a symlink that leads outside the repo: nothing written`);
  if (change.after !== null) {
    step.temp = sibling(step.target, 'tmp');
    writeFileSync(step.temp, change.after, { flag: 'wx' });
    if (bytes !== undefined) chmodSync(step.temp, statSync(step.target).mode & 0o7777);
  }
  return step;
}

function commit(step: Step): void {
  if (exists(step.target)) {
    const backup = sibling(step.target, 'old');
    if (step.temp === null) renameSync(step.target, backup);
    else keepCopy(step.target, backup);
    step.backup = backup;
  }
  if (step.temp !== null) renameSync(step.temp, step.target);
  step.done = true;
}

/** Undoes what was done, last first; the backups it could not put back, for the message. */
function rollBack(steps: Step[]): string[] {
  const stuck: string[] = [];
  for (const step of [...steps].reverse()) {
    try {
      if (step.temp !== null && !step.done) rmSync(step.temp, { force: true });
      // A link kept for a file that was not replaced yet is the same file: just drop it.
      if (step.backup !== null && !step.done && step.temp !== null) rmSync(step.backup, { force: true });
      else if (step.backup !== null) renameSync(step.backup, step.target);
      else if (step.done) rmSync(step.target, { force: true });
    } catch {
      stuck.push(step.backup ? `${step.path} (kept as ${basename(step.backup)})` : step.path);
    }
  }
  return stuck;
}

/** A hard link keeps the original's bytes, mode and inode at no cost; a copy where links fail. */
function keepCopy(target: string, backup: string): void {
  try {
    linkSync(target, backup);
  } catch {
    writeFileSync(backup, readFileSync(target), { flag: 'wx', mode: statSync(target).mode & 0o7777 });
  }
}

function sibling(target: string, kind: 'tmp' | 'old'): string {
  // Loaded here, not imported: only --write needs crypto, and loading it costs every start.
  const { randomBytes } = process.getBuiltinModule('node:crypto');
  return join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.msm-${kind}`);
}

function isOutside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}

function sameBytes(path: string, bytes: Buffer): boolean {
  try {
    return readFileSync(path).equals(bytes);
  } catch {
    return false;
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
