import { posix } from 'node:path';
import type { BuildEvent } from '../analyse/events.js';
import { repoRelative } from '../analyse/paths.js';
import type { Plan } from '../plan/model.js';

/** The merged Dockerfile's path as a `-f` of `build`, relative to the folder it runs in. */
export function mergedFileFrom(build: BuildEvent, plan: Plan): string {
  const cwd = repoRelative(build.cwd) ?? '.';
  return posix.relative(cwd, plan.runtime.path) || plan.runtime.path;
}
