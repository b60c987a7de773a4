import { execFileSync } from 'node:child_process';

/**
 * The files among `paths` that git reports as changed and not committed, so `--write` does
 * not mix its edits into someone's work. Empty outside a git work tree.
 */
export function uncommittedFiles(root: string, paths: string[]): string[] {
  if (paths.length === 0) return [];
  try {
    const out = execFileSync('git', ['-C', root, 'status', '--porcelain', '-z', '--untracked-files=all', '--', ...paths], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.split('\0').filter(Boolean).map((entry) => entry.slice(3));
  } catch {
    return [];
  }
}
