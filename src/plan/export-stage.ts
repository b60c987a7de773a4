import { posix } from 'node:path';
import { mayTurnBuildKitOff } from '../analyse/buildkit.js';
import type { BuildEvent } from '../analyse/events.js';
import type { Trace } from '../analyse/interpreter.js';
import { repoRelative } from '../analyse/paths.js';
import { isStatic } from '../analyse/values.js';
import { CODES, finding, type Finding } from '../warnings.js';
import type { LaterUse } from './host-files.js';
import { commandText } from './host-step-plan.js';
import type { Artifact, BuilderPlan, ExportPlan } from './model.js';
import { streamedFileMode } from './modes.js';
import { uniqueName } from './targets.js';

export interface ExportInput {
  final: BuildEvent;
  /** Commands after the final build that use an extracted file. */
  uses: LaterUse[];
  /** What the extractions left on the host when the final image was built. */
  artifacts: Artifact[];
  /** Builders that are stages of the merged file. */
  stages: BuilderPlan[];
  /** Whether a new line can follow the statement at these offsets; null when the driver takes no new line. */
  takesLineAfter: ((start: number, end: number) => boolean) | null;
  taken: Set<string>;
}

/**
 * Files the script still uses after the final build (`tar -czf app.tgz app`, an upload) come
 * from a `FROM scratch` stage that holds only them, built with `--output type=local` right
 * after the final build: they are on the host again, where `docker cp` put them. Each use the
 * export cannot serve is refused with its reason.
 */
export function planExport(input: ExportInput, trace: Trace, findings: Finding[]): ExportPlan | null {
  if (input.uses.length === 0) return null;
  const files = new Map<string, ExportPlan['files'][number]>();
  let refused = false;
  for (const use of input.uses) {
    const served = exportedFile(use, input);
    if (typeof served === 'string') {
      refused = true;
      findings.push(laterUseFinding(use, served, trace));
    } else files.set(served.path, served);
  }
  const after = statementAlone(input.final, input.takesLineAfter);
  if (refused || after === null) {
    if (!refused) for (const use of input.uses) findings.push(laterUseFinding(use, 'the final docker build shares its line with other commands, so no build line can follow it', trace));
    return null;
  }
  const origin = { file: input.uses[0]!.event.site.at.file, line: input.uses[0]!.event.site.at.line };
  const plan: ExportPlan = { stageName: uniqueName('export', input.taken), files: [...files.values()], after, origin };
  findings.push(exportFinding(plan, input.final));
  return plan;
}

/** The file the stage gives the command, or why it cannot. */
function exportedFile(use: LaterUse, input: ExportInput): ExportPlan['files'][number] | string {
  if (input.takesLineAfter === null) return 'no build line can be added to the script';
  if (input.final.site.conditional) return 'the final docker build runs only in some runs (inside an if, a case or a loop)';
  // For several platforms the local exporter writes a folder per platform, not the file where it was.
  if (input.final.platform?.includes(',')) return 'the final docker build is for several platforms';
  const path = repoRelative(use.placedAt);
  const atBuild = input.artifacts.find((a) => a.hostPath === path);
  if (!atBuild || atBuild.copy !== use.placement.copy || atBuild.builderPath !== use.placement.builderPath) return 'the file the script extracted was not there when the image was built';
  if (path === '.') return 'it is the repo folder itself, mounted into docker run: an export of the builder\'s folder would write over the repo';
  if (atBuild.mergedIntoFolder) return 'its files went into a folder that holds other files as well';
  if (atBuild.movedOut) return 'the script moved files out of that folder on the host';
  if (use.placement.chmods.length > 0) return 'the script changed its mode on the host';
  if (!input.stages.includes(atBuild.builder)) return 'no image copies anything from the builder that made it, so it is no stage of the migrated file';
  const cwd = input.final.cwd;
  const relative = isStatic(cwd) ? posix.relative(cwd, use.placedAt) : '..';
  if (relative === '' || relative.startsWith('..')) return `it is outside the folder the final docker build runs in`;
  // Written from a stream, the file had the host's default mode, as the image's COPY has it.
  const chmod = atBuild.copy.streamed ? { chmod: streamedFileMode(atBuild.chmods) } : {};
  return { builder: atBuild.builder, builderPath: atBuild.builderPath, path: relative, hostPath: atBuild.hostPath, ...chmod };
}

/** The statement of the final build when nothing else is on its lines: a new line can follow it. */
function statementAlone(build: BuildEvent, takesLineAfter: ExportInput['takesLineAfter']): ExportPlan['after'] | null {
  const stmt = build.site.stack.at(-1);
  if (takesLineAfter === null || stmt === undefined || !takesLineAfter(stmt.start, stmt.end)) return null;
  return { start: stmt.start, end: stmt.end };
}

/** A command after the build that uses an extracted file would find nothing there: not migrated. */
function laterUseFinding({ event, placedAt }: LaterUse, why: string, trace: Trace): Finding {
  const command = commandText(event, (v) => trace.values.describe(v));
  const path = repoRelative(placedAt) ?? placedAt;
  return finding(CODES.laterUse, 'error', event.site.at,
    `${command} uses the extracted ${path} after the image is built, and the migrated script cannot write it back: ${why}; not migrated (take that step out, migrate, then give it the file from the builder stage: docker build --target builder --output type=local,dest=DIR .)`);
}

function exportFinding(plan: ExportPlan, final: BuildEvent): Finding {
  const paths = plan.files.map((f) => f.path).join(', ');
  const turnedOn = mayTurnBuildKitOff(final.buildkit) ? '; the script may turn BuildKit off, so that build sets DOCKER_BUILDKIT=1' : '';
  return finding(CODES.exportedFiles, 'info', final.site.at,
    `the script uses ${paths} after the image is built: the stage ${plan.stageName} holds ${plan.files.length === 1 ? 'it' : 'them'}, and a docker build --target ${plan.stageName} --output type=local,dest=. after this one writes ${plan.files.length === 1 ? 'it' : 'them'} where docker cp did (--output needs BuildKit: Docker 23, or DOCKER_BUILDKIT=1 from 18.09; or podman 4)${turnedOn}`);
}
