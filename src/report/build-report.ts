import type { ScriptEvent } from '../analyse/events.js';
import type { ShellScript } from '../parse/shell/ast.js';
import { passesBuildKitFlags, usesBuildKitSteps } from '../plan/buildkit-features.js';
import type { Plan } from '../plan/model.js';
import { targetStages } from '../plan/targets.js';
import { VERSION } from '../version.js';
import type { Finding } from '../warnings.js';
import type { FileChange } from './diff.js';
import { SCHEMA_VERSION, type ArtifactReport, type MigrationStatus, type Report, type StageReport } from './model.js';
import { normaliseImage } from '../plan/containers.js';
import { addedBuildArgTexts, addedFlagTexts } from '../emit/added-build-args.js';
import { wrapperCallOf } from '../analyse/call-site.js';

export function emptyReport(status: MigrationStatus, message: string, script: string | null, warnings: Finding[]): Report {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'multistage-migrate', version: VERSION },
    status,
    message,
    script,
    dockerfile: null,
    stages: [],
    artifacts: [],
    files: [],
    removedCommands: [],
    addedBuildArgs: [],
    addedFlags: [],
    targets: [],
    exportedFiles: [],
    minimumDockerVersion: null,
    warnings: sortFindings(warnings),
  };
}

export function migratedReport(plan: Plan, script: ShellScript, changes: FileChange[], warnings: Finding[]): Report {
  const chown = plan.uses.some((u) => u.artifact.builder.chown && !u.unpacked && !u.instruction.flags.some((f) => f.name === 'chown'));
  const stages = stageReports(plan);
  const builderStages = plan.builders.filter((b) => !b.base).length;
  return {
    ...emptyReport('migrated', `${plan.scriptPath}: builder pattern migrated to ${stages.length} stages in ${plan.runtime.path}`, plan.scriptPath, warnings),
    message: `${plan.scriptPath}: ${builderStages === 1 ? 'one builder' : `${builderStages} builders`} and ${imageCount(plan)} now build as stages of ${plan.runtime.path}`,
    dockerfile: plan.runtime.path,
    stages,
    artifacts: [...plan.uses.map((use) => ({ use, file: plan.runtime.path })), ...otherImages(plan).flatMap((t) => t.uses.map((use) => ({ use, file: t.runtime.path })))].map(({ use, file }): ArtifactReport => ({
      builderPath: use.builderPath,
      hostPath: use.hostPath,
      imagePath: use.imagePath,
      stage: use.artifact.builder.stageName,
      copiedOut: calledAt(use.artifact.copy, script),
      copiedIn: { file, line: use.instruction.startLine + 1 },
      chown: use.artifact.builder.chown && !use.unpacked && !use.instruction.flags.some((f) => f.name === 'chown'),
    })),
    files: changes.map((c) => ({ path: c.path, action: c.before === null ? 'created' : c.after === null ? 'deleted' : 'modified' })),
    removedCommands: removedCommands(plan, script),
    addedBuildArgs: addedBuildArgTexts(plan.addedBuildArgs, plan.final, script.text, plan),
    addedFlags: addedFlagTexts(plan.addedFlags, plan.final, script.text, plan),
    targets: plan.targets.map((t) => ({
      stage: t.stageName,
      dockerfile: t.runtime.path,
      build: { file: t.build.site.at.file, line: t.build.site.at.line },
      addedBuildArgs: addedBuildArgTexts(t.addedBuildArgs, t.build, script.text, plan),
      addedFlags: addedFlagTexts(t.addedFlags, t.build, script.text, plan),
    })),
    exportedFiles: (plan.export?.files ?? []).map((f) => ({ hostPath: f.hostPath, builderPath: f.builderPath, stage: f.builder.stageName })),
    minimumDockerVersion: minimumDockerVersion(plan, chown),
  };
}

/** Named contexts and the export's `--output` need BuildKit as the default builder (Docker 23); COPY --chmod and RUN --mount need BuildKit too. */
function minimumDockerVersion(plan: Plan, chown: boolean): string {
  if (plan.builders.some((b) => b.namedContext) || plan.export) return '23.0';
  if (usesBuildKitSteps(plan) || passesBuildKitFlags(plan)) return '20.10';
  return chown ? '17.09' : '17.05';
}

function imageCount(plan: Plan): string {
  const images = 1 + otherImages(plan).length;
  return images === 1 ? 'the final image' : `${images} images`;
}

/**
 * The targets that build another image: not `docker build -t api:1 .`, then `-t api:latest .`,
 * the same file built again with the same build args, which is the final image twice.
 */
function otherImages(plan: Plan): Plan['targets'] {
  const args = (build: Plan['final']): string => build.buildArgs.map((a) => `${a.name}=${a.value ?? ''}`).sort().join('\0');
  return plan.targets.filter((t) => !(t.stageName === null && t.runtime.path === plan.runtime.path && t.build.target === plan.final.target && args(t.build) === args(plan.final)));
}

function stageReports(plan: Plan): StageReport[] {
  const out: StageReport[] = [];
  for (const builder of plan.builders) {
    if (builder.synthetic) out.push({ name: builder.stageName, image: builder.image, role: 'builder', source: builder.origin });
    if (!builder.dockerfile || builder.dockerfile.path === plan.runtime.path) continue;
    builder.dockerfile.stages.forEach((stage, i) => {
      const target = i === builder.targetStage;
      out.push({
        name: target ? builder.stageName : builder.stageRenames.get(i) ?? stage.name,
        image: stage.image,
        role: target && !builder.base ? 'builder' : 'other',
        source: { file: builder.dockerfile!.path, line: stage.from.startLine + 1 },
      });
    });
  }
  if (plan.renamed) out.push({ name: plan.renamed.stageName, image: 'scratch', role: 'other', source: plan.renamed.origin });
  for (const target of targetStages(plan)) {
    const stage = target.runtime.stages.at(-1)!;
    out.push({ name: target.stageName, image: fromOf(stage.image, plan), role: 'target', source: { file: target.runtime.path, line: stage.from.startLine + 1 } });
  }
  if (plan.export) out.push({ name: plan.export.stageName, image: 'scratch', role: 'other', source: plan.export.origin });
  plan.runtime.stages.forEach((stage, i) => {
    const builder = plan.builders.find((b) => b.dockerfile?.path === plan.runtime.path && b.targetStage === i);
    out.push({
      name: builder?.stageName ?? stage.name,
      image: fromOf(stage.image, plan),
      role: i === plan.runtime.stages.length - 1 ? 'final' : plan.builders.some((b) => b.dockerfile?.path === plan.runtime.path && b.targetStage === i) ? 'builder' : 'other',
      source: { file: plan.runtime.path, line: stage.from.startLine + 1 },
    });
  });
  return out;
}

/** A stage's FROM as the merged file has it: an image the script built is now its stage. */
function fromOf(image: string, plan: Plan): string {
  return plan.imageStages.get(normaliseImage(image)) ?? image;
}

/** One entry per command the script no longer runs (a redirection is part of its command). */
function removedCommands(plan: Plan, script: ShellScript): Report['removedCommands'] {
  const seen = new Set<string>();
  return [...plan.removed]
    .filter((e) => e.kind !== 'host-write')
    .map((e) => shownCall(e, script))
    .filter((c) => !seen.has(`${c.file}:${c.line}:${c.text}`) && Boolean(seen.add(`${c.file}:${c.line}:${c.text}`)))
    // The script's own lines first, then each file it includes.
    .sort((a, b) => Number(a.file !== plan.scriptPath) - Number(b.file !== plan.scriptPath) || byPath(a.file, b.file) || a.line - b.line);
}

/**
 * The call as the user wrote it: for `retry docker build ...`, whose command ran as `"$@"` inside
 * the wrapper, the line that calls the wrapper. A command that names itself (`$DOCKER cp ...`) is its own.
 */
/** The line that ran a command: for one run through a wrapper's `"$@"`, the line that calls the wrapper. */
function calledAt(event: ScriptEvent, script: ShellScript): { file: string; line: number } {
  const { file, line } = shownCall(event, script);
  return { file, line };
}

function shownCall(event: ScriptEvent, script: ShellScript): Report['removedCommands'][number] {
  const { at } = event.site;
  // Run as a wrapper's "$@", the site is at the calling line, whose text says what ran.
  const shown = wrapperCallOf(event.site)?.cmd ?? event.site.call;
  return { file: at.file, line: at.line, text: firstLine(script.text.slice(shown.start, shown.end)) };
}

/**
 * Paths ignoring case (build.sh before Dockerfile), then in code-unit order: the same on every
 * machine, unlike localeCompare, which follows the locale and loads ICU's collator on each start.
 */
function byPath(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function firstLine(text: string): string {
  const lines = text.split('\n');
  return lines.length > 1 ? `${lines[0]!.replace(/\s*\\$/, '')} ...` : text;
}

export function sortFindings(findings: Finding[]): Finding[] {
  const rank = { error: 0, warning: 1, info: 2 };
  const seen = new Set<string>();
  return findings
    .filter((f) => {
      const key = `${f.code}:${f.file}:${f.line}:${f.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => rank[a.severity] - rank[b.severity] || byPath(a.file, b.file) || a.line - b.line);
}
