import type { Plan } from '../plan/model.js';
import { targetStages } from '../plan/targets.js';
import { builderStageText, fromIndexEdits, imageRefEdits, nameEdit } from './builder-stage.js';
import { copyRewriteEdits } from './copy-instruction.js';
import { scratchStageText } from './scratch-stage.js';
import { hoistedArgs, targetStageText } from './target-stage.js';
import { applyEdits, lineStartOf } from './text-edits.js';

/**
 * The merged Dockerfile: the runtime file's header, then each builder's stages, then the
 * runtime stages with their COPYs of extracted files turned into COPY --from. Everything the
 * migration does not need to touch keeps its text, casing and line endings.
 */
export function emitDockerfile(plan: Plan): string {
  const runtime = plan.runtime;
  const eol = runtime.eol;
  let offset = 0;
  const builderTexts: string[] = [];
  const sameFile = plan.builders.filter((b) => b.dockerfile?.path === runtime.path);
  for (const builder of plan.builders) {
    if ((!builder.dockerfile && !builder.synthetic) || sameFile.includes(builder)) continue;
    builderTexts.push(builderStageText(builder, offset, eol, plan.contextDir, plan.imageStages));
    offset += builder.dockerfile ? builder.dockerfile.stages.length : 1;
  }
  // Before the targets: their COPY lines may read from it too.
  if (plan.renamed) {
    builderTexts.push(scratchStageText(plan.renamed.stageName, plan.renamed.files, eol));
    offset += 1;
  }
  const targets = targetStages(plan);
  for (const target of targets) {
    builderTexts.push(targetStageText(target, offset, eol, plan.imageStages));
    offset += target.runtime.stages.length;
  }
  if (plan.export) {
    // Only the files the script uses after the final build.
    builderTexts.push(scratchStageText(plan.export.stageName, plan.export.files, eol));
    offset += 1;
  }
  const edits = [
    ...plan.rewrites.flatMap((r) => copyRewriteEdits(r, runtime)),
    ...fromIndexEdits(runtime, offset),
    ...imageRefEdits(runtime, plan.imageStages),
    ...sameFile.flatMap((b) => (runtime.stages[b.targetStage]!.name === null ? [nameEdit(b, runtime)!] : [])),
  ];
  const text = applyEdits(runtime.text, edits);
  const split = stageStart(runtime.text, runtime.stages[0]!.from.range.start);
  const head = runtime.text.slice(0, split) + hoistedArgs(targets, runtime).map((a) => a + eol).join('');
  const body = text.slice(split);
  const builders = builderTexts.length > 0 ? builderTexts.join(eol + eol) + eol + eol : '';
  const syntax = plan.syntax === undefined ? '' : `# syntax=${plan.syntax}${eol}`;
  return (runtime.bom ? '\uFEFF' : '') + syntax + head + builders + body;
}

/**
 * Where the first runtime stage begins: its FROM line, or the comment lines directly above it
 * (no blank line between), which describe that stage; a comment block that starts the file
 * is the file's header and stays on top.
 */
function stageStart(text: string, fromIndex: number): number {
  const fromLine = lineStartOf(text, fromIndex);
  let start = fromLine;
  while (start > 0) {
    const previous = lineStartOf(text, start - 1);
    if (!text.slice(previous, start).trim().startsWith('#')) break;
    start = previous;
  }
  return start === 0 ? fromLine : start;
}
