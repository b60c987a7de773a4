/**
 * Files the two flows leave in their copies of the repository, compared by type, mode and
 * content: what a migrated script writes back with an export must be what `docker cp` gave.
 * Owners and times are not compared: the same user runs both flows, at different times.
 */
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';

interface HostEntry {
  type: 'file' | 'dir' | 'symlink';
  mode: number;
  /** sha256 of a file, target of a symlink. */
  content: string;
}

/** Differences under each repository-relative path, worded like the image comparison's. */
export async function compareHostFiles(legacyRepo: string, migratedRepo: string, paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    const [a, b] = await Promise.all([entriesUnder(legacyRepo, path), entriesUnder(migratedRepo, path)]);
    for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
      out.push(...entryDifferences(key, a.get(key), b.get(key)));
    }
  }
  return out;
}

function entryDifferences(path: string, a: HostEntry | undefined, b: HostEntry | undefined): string[] {
  if (!a || !b) return [`host ${path}: only the ${a ? 'legacy' : 'migrated'} flow left it`];
  if (a.type !== b.type) return [`host ${path}: ${a.type} in legacy, ${b.type} in migrated`];
  const out: string[] = [];
  if (a.mode !== b.mode) out.push(`host ${path}: mode ${octal(a.mode)} in legacy, ${octal(b.mode)} in migrated`);
  if (a.content !== b.content) out.push(`host ${path}: content differs`);
  return out;
}

const octal = (mode: number): string => (mode & 0o7777).toString(8).padStart(4, '0');

/** The path and, for a folder, everything in it; empty when the path is not there. */
async function entriesUnder(repo: string, path: string): Promise<Map<string, HostEntry>> {
  const out = new Map<string, HostEntry>();
  const visit = async (rel: string): Promise<void> => {
    const full = join(repo, rel);
    const stat = await lstat(full).catch(() => null);
    if (!stat) return;
    if (stat.isSymbolicLink()) out.set(rel, { type: 'symlink', mode: 0, content: await readlink(full) });
    else if (stat.isDirectory()) {
      out.set(rel, { type: 'dir', mode: stat.mode, content: '' });
      for (const name of (await readdir(full)).sort()) await visit(`${rel}/${name}`);
    } else out.set(rel, { type: 'file', mode: stat.mode, content: createHash('sha256').update(await readFile(full)).digest('hex') });
  };
  await visit(path);
  return out;
}
