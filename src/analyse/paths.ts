import { posix } from 'node:path';
import { REPO_ROOT, startsUnknown } from './values.js';

/**
 * Host paths as the interpreter sees them: REPO_ROOT-prefixed for places in the repo,
 * `/...` for absolute host paths.
 */
export function resolveHostPath(cwd: string, path: string): string {
  // `$HOME/x` may name any folder, in the repo or not: it stays as it is, never in the repo.
  if (path.startsWith(REPO_ROOT) || path.startsWith('/') || startsUnknown(path)) return normalise(path);
  return normalise(`${cwd}/${path}`);
}

function normalise(path: string): string {
  const trailing = path.length > 1 && path.endsWith('/') ? '/' : '';
  if (path.startsWith(REPO_ROOT)) {
    // `..` above the repo root stays visible so callers can refuse it.
    const rel = posix.normalize(path.slice(REPO_ROOT.length).replace(/^\/+/, '') || '.').replace(/\/$/, '');
    return rel === '.' ? REPO_ROOT + trailing : `${REPO_ROOT}/${rel}${trailing}`;
  }
  return posix.normalize(path).replace(/(.)\/$/, '$1') + trailing;
}

/** A repo path inside a repo folder (`.` for the root), as that folder names it: `src/main.go` in `src` is `main.go`. */
export function pathInFolder(dir: string, path: string): string {
  return dir === '.' ? path : path.slice(dir.length + 1);
}

/** Repo-relative path (`.` for the root), or null when the path is not inside the repo. */
export function repoRelative(path: string): string | null {
  if (!path.startsWith(REPO_ROOT)) return null;
  const rel = path.slice(REPO_ROOT.length).replace(/^\/+/, '').replace(/\/+$/, '');
  if (rel === '') return '.';
  if (rel === '..' || rel.startsWith('../')) return null;
  return rel;
}

export function hasTrailingSlash(path: string): boolean {
  return path.endsWith('/') || path.endsWith('/.');
}

export function dirnameOf(path: string): string {
  if (path === REPO_ROOT) return REPO_ROOT;
  const trimmed = path.replace(/\/+$/, '');
  const cut = trimmed.lastIndexOf('/');
  if (cut < 0) return '.';
  if (cut === 0) return '/';
  return trimmed.slice(0, cut);
}

export function basenameOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === REPO_ROOT) return REPO_ROOT;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
