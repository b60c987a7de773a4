import type { DockerfileModel, InstructionModel } from '../parse/dockerfile/model.js';
import type { TargetPlan } from '../plan/model.js';
import { asStagesOfMergedFile, fromIndexEdits, imageRefEdits, stageNameEdit } from './builder-stage.js';
import { copyRewriteEdits } from './copy-instruction.js';
import { applyEdits, lineEndOf, lineStartOf, type TextEdit } from './text-edits.js';

/**
 * Another image's Dockerfile as a stage of the merged file: named for `--target`, its COPYs of
 * extracted files made COPY --from, its global ARGs moved to the top (see hoistedArgs).
 */
export function targetStageText(target: TargetPlan, stageOffset: number, eol: string, imageStages: Map<string, string>): string {
  const file = target.runtime;
  const edits: TextEdit[] = [
    ...target.rewrites.flatMap((r) => copyRewriteEdits(r, file)),
    ...fromIndexEdits(file, stageOffset),
    ...imageRefEdits(file, imageStages),
    ...globalArgs(file).map((arg) => ({ start: lineStartOf(file.text, arg.range.start), end: lineEndOf(file.text, arg.range.end), text: '' })),
  ];
  const name = targetNameEdit(file, target.stageName!);
  if (name) edits.push(name);
  return asStagesOfMergedFile(applyEdits(file.text, edits), file, eol);
}

/** The target's stage gets the plan's name: `AS name` added, or in place of a name another stage has. */
function targetNameEdit(file: DockerfileModel, name: string): TextEdit | null {
  const last = file.stages.length - 1;
  const stage = file.stages[last]!;
  if (stage.name !== null && stage.name !== name) return { ...stage.from.args[2]!.range, text: name };
  return stageNameEdit(file, last, name);
}

/**
 * Global ARGs (before the first FROM) of the targets' files that the merged file lacks: they
 * must come before every FROM to stay global. Conflicting values are refused by the plan.
 */
export function hoistedArgs(targets: TargetPlan[], runtime: DockerfileModel): string[] {
  const have = new Set(globalArgs(runtime).map((a) => instructionText(runtime, a)));
  const out: string[] = [];
  for (const target of targets) {
    for (const arg of globalArgs(target.runtime)) {
      const text = instructionText(target.runtime, arg);
      if (!have.has(text)) out.push(text);
      have.add(text);
    }
  }
  return out;
}

function globalArgs(file: DockerfileModel): InstructionModel[] {
  return file.instructions.filter((i) => i.keyword === 'ARG' && i.stage === -1);
}

function instructionText(file: DockerfileModel, instruction: InstructionModel): string {
  return file.text.slice(instruction.range.start, instruction.range.end).split(/\r?\n/).join('\n');
}
