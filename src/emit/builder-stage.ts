import { posix } from 'node:path';
import { withoutPadding } from '../analyse/stdin-dockerfile.js';
import type { DockerfileModel, InstructionModel } from '../parse/dockerfile/model.js';
import { normaliseImage } from '../plan/containers.js';
import { contextBindMount, isContextCopy, REMOTE_SOURCE as REMOTE } from '../plan/context-reads.js';
import type { BuilderPlan } from '../plan/model.js';
import type { BuilderStep } from '../plan/run-steps.js';
import { namedContextEdits } from './named-context-edits.js';
import { applyEdits, inCaseOf, lineEndOf, type TextEdit } from './text-edits.js';

/**
 * The builder file's text as stages of the merged file: its target stage named, COPY sources
 * rebased into the final context or read from its named context, numeric `--from` shifted
 * past earlier stages, parser directives dropped (the merged file keeps the runtime file's),
 * line endings made `eol`.
 */
export function builderStageText(builder: BuilderPlan, stageOffset: number, eol: string, contextDir: string, imageStages: Map<string, string> = new Map()): string {
  const steps = builder.steps.map((step) => stepText(step, contextDir));
  if (builder.synthetic) return [`FROM ${builder.image} AS ${builder.stageName}`, ...steps].join(eol);
  const file = builder.dockerfile!;
  const edits: TextEdit[] = [
    nameEdit(builder, file),
    ...renameEdits(builder, file),
    ...rebaseEdits(builder, file),
    ...(builder.namedContext ? namedContextEdits(file, builder.namedContext) : []),
    ...fromIndexEdits(file, stageOffset),
    ...imageRefEdits(file, imageStages),
    stepsEdit(builder, file, steps),
  ].filter((e): e is TextEdit => e !== null);
  return asStagesOfMergedFile(applyEdits(file.text, edits), file, eol);
}

/** Edited text of a merged file: its parser directives dropped (the merged file has its own), in `eol`. */
export function asStagesOfMergedFile(edited: string, file: DockerfileModel, eol: string): string {
  const lastDirective = Math.max(-1, ...file.directives.map((d) => d.line));
  const text = lastDirective >= 0 ? edited.slice(lineEndAtLine(edited, lastDirective)) : file.hereDocument ? withoutPadding(edited) : edited;
  return text.split(/\r?\n/).join(eol).replace(/(\r?\n|\s)*$/, '');
}

/** A step as an instruction; a mounted folder is copied from the final build's context, or from the stage of the run before. */
function stepText(step: BuilderStep, contextDir: string): string {
  if (step.kind === 'text') return step.text;
  const chown = step.chown === undefined ? '' : `--chown=${step.chown} `;
  const from = step.kind === 'stage-copy' ? `--from=${step.from.stageName} ` : '';
  const source = step.kind === 'stage-copy' ? step.source : posix.relative(contextDir, step.hostPath) || '.';
  // A path with a space needs COPY's JSON form.
  const paths = /\s/.test(source + step.container) ? JSON.stringify([source, step.container]).replace(/","/g, '", "') : `${source} ${step.container}`;
  return `COPY ${chown}${from}${paths}`;
}

/** Steps go after the builder stage's last instruction. */
function stepsEdit(builder: BuilderPlan, file: DockerfileModel, steps: string[]): TextEdit | null {
  if (steps.length === 0) return null;
  const last = file.stages[builder.targetStage]!.instructions.at(-1)!;
  const eol = file.eol;
  return { start: last.range.end, end: last.range.end, text: steps.map((s) => eol + s).join('') };
}

function lineEndAtLine(text: string, line: number): number {
  let at = 0;
  for (let i = 0; i <= line; i++) at = lineEndOf(text, at);
  return at;
}

/** An unnamed target stage gets `AS name`, in the casing of its FROM. */
export function nameEdit(builder: BuilderPlan, file: DockerfileModel): TextEdit | null {
  return stageNameEdit(file, builder.targetStage, builder.stageName);
}

export function stageNameEdit(file: DockerfileModel, index: number, name: string): TextEdit | null {
  const stage = file.stages[index]!;
  if (stage.name !== null) return null;
  const from = stage.from;
  const as = inCaseOf(from.keywordText, 'AS');
  const end = from.args.at(-1)!.range.end;
  return { start: end, end, text: ` ${as} ${name}` };
}

/** A renamed stage: its `AS` name, and every `FROM name` and `--from=name` that meant it. */
function renameEdits(builder: BuilderPlan, file: DockerfileModel): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const [index, name] of builder.stageRenames) {
    const stage = file.stages[index]!;
    const old = stage.name!.toLowerCase();
    edits.push({ ...stage.from.args[2]!.range, text: name });
    for (const later of file.stages.slice(index + 1)) {
      if (later.image.toLowerCase() === old) edits.push({ ...later.from.args[0]!.range, text: name });
    }
    for (const instruction of file.instructions) {
      for (const flag of instruction.flags) {
        if (flag.name === 'from' && flag.value?.toLowerCase() === old) edits.push({ start: flag.range.end - flag.value.length, end: flag.range.end, text: name });
      }
    }
  }
  return edits;
}

function rebaseEdits(builder: BuilderPlan, file: DockerfileModel): TextEdit[] {
  if (builder.contextPrefix === '') return [];
  const edits: TextEdit[] = [];
  for (const instruction of file.instructions) {
    edits.push(...bindMountEdits(instruction, builder.contextPrefix));
    if (!isContextCopy(instruction)) continue;
    const sources = instruction.args.slice(0, -1);
    if (instruction.json) {
      const values = instruction.args.map((a, i) => (i < sources.length && !REMOTE.test(a.value) ? rebase(builder.contextPrefix, a.value) : a.value));
      edits.push({ ...instruction.args[0]!.range, text: JSON.stringify(values).replace(/","/g, '", "') });
      continue;
    }
    for (const arg of sources) if (!REMOTE.test(arg.value)) edits.push({ ...arg.range, text: rebase(builder.contextPrefix, arg.value) });
  }
  return edits;
}

/** `RUN --mount=type=bind,source=go.sum`: a bind mount without from= reads the build context. */
function bindMountEdits(instruction: InstructionModel, prefix: string): TextEdit[] {
  if (instruction.keyword !== 'RUN') return [];
  const edits: TextEdit[] = [];
  for (const flag of instruction.flags) {
    const options = contextBindMount(flag);
    if (!options || flag.value === null) continue;
    const at = options.findIndex((o) => o.startsWith('source=') || o.startsWith('src='));
    const rebased = at >= 0
      ? options.map((o, i) => (i === at ? `${o.slice(0, o.indexOf('=') + 1)}${rebase(prefix, o.slice(o.indexOf('=') + 1))}` : o))
      : [...options, `source=${prefix}`];
    edits.push({ start: flag.range.end - flag.value.length, end: flag.range.end, text: rebased.join(',') });
  }
  return edits;
}

function rebase(prefix: string, source: string): string {
  const inContext = posix.normalize(`/${source}`).slice(1);
  const trailing = source.endsWith('/') && inContext !== '' ? '/' : '';
  return `${posix.join(prefix, inContext || '.')}${trailing && !inContext.endsWith('/') ? trailing : ''}`;
}

/** `FROM base` and `COPY --from=base` of an image the script built, now a stage: its stage name. */
export function imageRefEdits(file: DockerfileModel, imageStages: Map<string, string>): TextEdit[] {
  if (imageStages.size === 0) return [];
  const own = new Set(file.stages.map((s) => s.name?.toLowerCase()).filter(Boolean));
  const stageOf = (ref: string): string | undefined => (own.has(ref.toLowerCase()) ? undefined : imageStages.get(normaliseImage(ref)));
  const edits: TextEdit[] = [];
  for (const stage of file.stages) {
    const name = stageOf(stage.image);
    if (name) edits.push({ ...stage.from.args[0]!.range, text: name });
  }
  for (const instruction of file.instructions) {
    for (const flag of instruction.flags) {
      const name = flag.name === 'from' && flag.value ? stageOf(flag.value) : undefined;
      if (name) edits.push({ start: flag.range.end - flag.value!.length, end: flag.range.end, text: name });
    }
  }
  return edits;
}

/** `--from=N` counts stages from the top of the file; stages before it shift it. */
export function fromIndexEdits(file: DockerfileModel, offset: number): TextEdit[] {
  if (offset === 0) return [];
  const edits: TextEdit[] = [];
  for (const instruction of file.instructions) {
    for (const flag of instruction.flags) {
      if (flag.name !== 'from' || flag.value === null || !/^\d+$/.test(flag.value)) continue;
      const valueStart = flag.range.end - flag.value.length;
      edits.push({ start: valueStart, end: flag.range.end, text: String(Number(flag.value) + offset) });
    }
  }
  return edits;
}
