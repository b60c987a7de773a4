import { MigrateError } from './errors.js';
import type { RepoSource } from './repo.js';

const EXTRACTS = /\bdocker\s+(?:container\s+)?(?:cp|create)\b/;

/**
 * The build script to read: the one named, else `build.sh`, else the shell script at the top
 * level or under `scripts/` that copies files out of a container. null when there is none.
 */
export function findScript(repo: RepoSource, named?: string): string | null {
  if (named !== undefined) {
    const path = named.replace(/^\.\//, '');
    if (repo.kind(path) !== 'file') throw new MigrateError(`${path}: no such build script in the repo`);
    return path;
  }
  if (repo.kind('build.sh') === 'file') return 'build.sh';
  const candidates = [...repo.listFiles('.').filter((p) => !p.includes('/')), ...repo.listFiles('scripts')]
    .filter((p) => p.endsWith('.sh') || isShellByShebang(repo.readText(p)))
    .sort();
  return candidates.find((p) => EXTRACTS.test(repo.readText(p) ?? '')) ?? null;
}

function isShellByShebang(text: string | undefined): boolean {
  return text !== undefined && /^#!\s*\S*\b(ba|da|k|z)?sh\b/.test(text);
}
