import { posix } from 'node:path';
import type { BuildEvent } from '../analyse/events.js';
import { repoRelative } from '../analyse/paths.js';

/** A repo path as a `docker build` line names it: relative to the folder that command runs in. */
export function fromBuildFolder(build: BuildEvent, repoPath: string): string {
  return posix.relative(repoRelative(build.cwd) ?? '.', repoPath) || '.';
}
