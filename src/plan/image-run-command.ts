import type { CreateEvent } from '../analyse/events.js';
import type { Trace } from '../analyse/interpreter.js';
import { isStatic } from '../analyse/values.js';
import { MigrateError } from '../errors.js';
import type { RepoSource } from '../repo.js';
import { findBuildOf } from './containers.js';
import { loadDockerfile } from './load-dockerfile.js';
import { commandOf, withoutPlainShell } from './run-steps.js';
import { stageOfTarget } from './stage-parent.js';

/**
 * `docker run --rm app:build | tar -x`: a run with no command of its own ran the image's CMD,
 * which the Dockerfile of a build of the script tells (`CMD ["tar", "-c", "app"]`). null where
 * the run names its command, or the image's is not known here; what cannot be read here is
 * refused where the builder is planned.
 */
export function imageRunCommand(create: CreateEvent, trace: Trace, repo: RepoSource): string[] | null {
  const run = create.run;
  if (!run || run.command.length > 0 || run.entrypoint !== null) return null;
  const build = findBuildOf(create.image, create, trace.events, trace.values);
  if (!build || (build.target !== null && !isStatic(build.target))) return null;
  try {
    const dockerfile = loadDockerfile(build, trace.values, repo, trace.events);
    const stage = stageOfTarget(dockerfile, build.target);
    const command = stage < 0 ? null : commandOf([], null, dockerfile, stage, create.image);
    return command && withoutPlainShell(command);
  } catch (err) {
    if (err instanceof MigrateError) return null;
    throw err;
  }
}
