/** Working copies of the user's repository: verification never touches the original. */
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { VerifyError } from './errors.js';

/**
 * Copy everything except `.git` (history is not build input, and it can be
 * large) and `exclude` (our own work folder, should it sit inside the repo).
 */
export async function copyRepo(from: string, to: string, exclude: string): Promise<void> {
  const skip = resolve(exclude);
  await cp(from, to, {
    recursive: true,
    verbatimSymlinks: true,
    preserveTimestamps: true,
    filter: (src) => basename(src) !== '.git' && resolve(src) !== skip,
  });
}

/** The absolute path of `file` inside `root`, refusing paths that leave it. */
export function insideRepo(root: string, file: string): string {
  const target = resolve(root, file);
  const rel = relative(root, target);
  if (isAbsolute(file) || rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new VerifyError(`migrated change points outside the repository: ${file}`);
  }
  return target;
}

/**
 * Apply the migration to a copy: new text per path, null to delete. Writing
 * over an existing file keeps its mode, which the image may copy.
 */
export async function applyChanges(root: string, changes: ReadonlyMap<string, string | null>): Promise<void> {
  for (const [file, text] of changes) {
    const target = insideRepo(root, file);
    if (text === null) {
      await rm(target, { force: true, recursive: true });
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  }
}
