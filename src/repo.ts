import { posix } from 'node:path';

/**
 * The repo as the core sees it: text in, nothing else. The CLI gives one backed by the file
 * system (refusing symlinks that lead out, unreadable and oversized files); tests and library
 * users give one backed by memory.
 */
export interface RepoSource {
  /** Text of a repo-relative file; undefined when there is no such file. */
  readText(path: string): string | undefined;
  /** Whether a repo-relative path is a file, a folder, or nothing. */
  kind(path: string): 'file' | 'dir' | undefined;
  /** Repo-relative paths of every file below a folder (`.` for the whole repo). */
  listFiles(dir: string): string[];
}

/** A repo held in memory: repo-relative POSIX paths to file texts. */
export function memoryRepo(files: Record<string, string> | ReadonlyMap<string, string>): RepoSource {
  const map = new Map<string, string>(files instanceof Map ? files : Object.entries(files));
  const dirs = new Set<string>(['.']);
  for (const path of map.keys()) {
    for (let dir = posix.dirname(path); dir !== '.' && !dirs.has(dir); dir = posix.dirname(dir)) dirs.add(dir);
  }
  return {
    readText: (path) => map.get(normalise(path)),
    kind: (path) => {
      const p = normalise(path);
      if (map.has(p)) return 'file';
      return dirs.has(p) ? 'dir' : undefined;
    },
    listFiles: (dir) => {
      const d = normalise(dir);
      return [...map.keys()].filter((p) => d === '.' || p.startsWith(`${d}/`)).sort();
    },
  };
}

function normalise(path: string): string {
  const p = posix.normalize(path).replace(/\/+$/, '');
  return p === '' ? '.' : p;
}
