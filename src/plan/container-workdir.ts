import { posix } from 'node:path';
import type { CopyOutEvent, CreateEvent } from '../analyse/events.js';
import { isStatic, REPO_ROOT, type ValueTable } from '../analyse/values.js';
import type { DockerfileModel, InstructionModel } from '../parse/dockerfile/model.js';
import { CODES, finding, type Finding } from '../warnings.js';
import type { BuilderPlan } from './model.js';
import { parentStage } from './stage-parent.js';

/**
 * `docker run --rm b cat bin/app > app`, `tar -c -C bin .`: a relative path in the container is
 * relative to its working folder, the image's WORKDIR (a `-w` was joined already). Each such
 * copy's source becomes the full path, when the builder's Dockerfile says it; else refused,
 * as the base image's own WORKDIR is not known here.
 */
export function resolveRunPaths(extractions: Map<CopyOutEvent, CreateEvent>, builders: Map<CreateEvent, BuilderPlan>, values: ValueTable): Finding[] {
  const findings: Finding[] = [];
  for (const [copy, create] of extractions) {
    // A value known only at run time, or the repo's host path, is another check's to refuse.
    if (!copy.via || copy.source.startsWith('/') || !isStatic(copy.source) || copy.source.includes(REPO_ROOT)) continue;
    const builder = builders.get(create)!;
    const dir = builder.dockerfile ? workdirOf(builder.dockerfile, builder.targetStage) : null;
    if (dir !== null) {
      copy.source = joinContainerPath(dir, copy.source);
      continue;
    }
    findings.push(finding(CODES.unresolvedValue, 'error', copy.site.at,
      `${copy.source} is relative to the working folder of ${values.describe(create.image)}, which ${builder.dockerfile ? `${builder.dockerfile.path} does not set to a path known here (a WORKDIR from a variable, or relative to the base image's)` : 'is not known here'}; write the full path, or pass -w, and run the tool again`));
  }
  return findings;
}

/** A relative path in the container from a folder, keeping a trailing `/.` (a folder's contents). */
export function joinContainerPath(dir: string, path: string): string {
  const dot = path === '.' || path.endsWith('/.') ? '/.' : '';
  return `${posix.join(dir, path)}${dot}`.replace(/\/\/\.$/, '/.');
}

/** The stage's WORKDIR, following `FROM earlier-stage`; null when it comes from a base image or a variable. */
export function workdirOf(file: DockerfileModel, stageIndex: number): string | null {
  const stage = file.stages[stageIndex];
  if (!stage) return null;
  const parent = parentStage(file, stageIndex);
  let dir = parent === null ? null : workdirOf(file, parent);
  for (const instruction of stage.instructions) dir = afterInstruction(dir, instruction);
  return dir;
}

/** The working folder after an instruction: a WORKDIR changes it (null where it is not known). */
export function afterInstruction(dir: string | null, instruction: InstructionModel): string | null {
  if (instruction.keyword !== 'WORKDIR') return dir;
  const path = instruction.args.map((a) => a.value).join(' ');
  if (path === '' || path.includes('$')) return null;
  return path.startsWith('/') ? posix.normalize(path) : dir === null ? null : posix.join(dir, path);
}
