import { posix } from 'node:path';
import type { RepoSource } from '../repo.js';

export interface IgnoreFile {
  path: string;
  text: string;
}

/** The ignore file a build uses: `<Dockerfile>.dockerignore` beside the Dockerfile wins over the context's. */
export function ignoreFileOf(repo: RepoSource, contextDir: string, dockerfilePath: string): IgnoreFile | null {
  for (const path of [`${dockerfilePath}.dockerignore`, posix.join(contextDir, '.dockerignore')]) {
    const text = repo.readText(path);
    if (text !== undefined) return { path, text };
  }
  return null;
}
