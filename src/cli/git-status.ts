import { MigrateError } from '../errors.js';

/**
 * The files among `paths` (relative to `root`) that git reports as changed and not committed,
 * so `--write` does not mix its edits into someone's work. Empty outside a git work tree or
 * without git; a MigrateError when git is there but cannot tell (a repo it refuses to read),
 * since writing blind is what the check is for.
 */
export function uncommittedFiles(root: string, paths: string[]): string[] {
  if (paths.length === 0) return [];
  const prefix = git(root, ['rev-parse', '--show-prefix']);
  if (prefix === null) return [];
  const status = git(root, ['status', '--porcelain', '-z', '--untracked-files=all', '--', ...paths]);
  if (status === null) return [];
  // Porcelain paths are from the top of the work tree, whatever folder git runs in.
  const top = prefix.trim();
  return changedPaths(status).map((p) => (top && p.startsWith(top) ? p.slice(top.length) : p));
}

/** `XY path` entries; a rename or copy is followed by its source path, which is changed too. */
function changedPaths(status: string): string[] {
  const out: string[] = [];
  const entries = status.split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.length < 4) continue;
    out.push(entry.slice(3));
    if (entry[0] === 'R' || entry[0] === 'C') out.push(entries[++i] ?? '');
  }
  return out.filter(Boolean);
}

/** git's stdout; null when git is missing or the folder is not in a work tree. */
function git(root: string, args: string[]): string | null {
  // Loaded here, not imported: a dry run never needs child_process, and loading it costs every start.
  const { spawnSync } = process.getBuiltinModule('node:child_process');
  const run = spawnSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (run.error) return null;
  if (run.status === 0) return run.stdout;
  if (/not a git repository/i.test(run.stderr)) return null;
  const why = run.stderr.trim().split('\n')[0] ?? `exit ${run.status}`;
  throw new MigrateError(`${root}: cannot tell which files have uncommitted changes (git: ${why}); pass --force to write anyway`);
}
