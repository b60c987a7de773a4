import { posix } from 'node:path';
import type { CopyOutEvent, CreateEvent } from '../analyse/events.js';
import type { ValueTable } from '../analyse/values.js';
import type { DockerfileModel } from '../parse/dockerfile/model.js';
import { CODES, finding, type Finding } from '../warnings.js';
import type { BuilderPlan } from './model.js';
import { parentStage } from './stage-parent.js';

/**
 * `VOLUME /out` in the builder's Dockerfile, then `docker run b go build -o /out/app`: the run
 * wrote into the container's volume, and docker cp read it there. As a RUN step of the stage,
 * what it writes under a declared volume is dropped (the classic builder, podman), and the
 * COPY --from finds nothing.
 */
export function volumeWrites(extractions: Map<CopyOutEvent, CreateEvent>, builders: Map<CreateEvent, BuilderPlan>, values: ValueTable): Finding[] {
  const findings: Finding[] = [];
  for (const [copy, create] of extractions) {
    const builder = builders.get(create)!;
    if (!create.run || !builder.dockerfile || !builder.steps.some((s) => s.kind === 'text' && s.text.startsWith('RUN '))) continue;
    const volume = declaredVolumes(builder.dockerfile, builder.targetStage).find((v) => under(copy.source, v.path));
    if (!volume) continue;
    findings.push(finding(CODES.containerRun, 'error', copy.site.at,
      `${values.describe(copy.source.replace(/\/\.$/, ''))} is under VOLUME ${volume.path} (${builder.dockerfile.path}:${volume.line}): docker run wrote it into the container's volume, and a RUN step's files there are dropped; not migrated`));
  }
  return findings;
}

function under(path: string, dir: string): boolean {
  const clean = posix.normalize(path.replace(/\/\.$/, ''));
  return clean === dir || clean.startsWith(`${dir === '/' ? '' : dir}/`);
}

/** The VOLUMEs of a stage and of the earlier stages it starts FROM. */
function declaredVolumes(file: DockerfileModel, stageIndex: number): { path: string; line: number }[] {
  const out: { path: string; line: number }[] = [];
  for (let i: number | null = stageIndex; i !== null; i = parentStage(file, i)) {
    const stage = file.stages[i]!;
    for (const instruction of stage.instructions.filter((inst) => inst.keyword === 'VOLUME')) {
      for (const arg of instruction.args) out.push({ path: posix.normalize(arg.value).replace(/(.)\/+$/, '$1'), line: instruction.startLine + 1 });
    }
  }
  return out;
}
