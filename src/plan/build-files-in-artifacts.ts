import { posix } from 'node:path';
import type { DockerfileModel, InstructionModel } from '../parse/dockerfile/model.js';
import type { RepoSource } from '../repo.js';
import { CODES, finding, type Finding } from '../warnings.js';
import { contextFilesOf } from './context-checks.js';
import { changedFiles, instructionText } from './copied-build-files.js';
import { contextPath } from './copy-mapping.js';
import type { BuilderPlan, Plan } from './model.js';
import { afterInstruction, workdirOf } from './container-workdir.js';
import { parentStage } from './stage-parent.js';

/**
 * `COPY . /app` in the builder, then `docker cp c:/app ./app` and `COPY app /app`: the image
 * holds the repo's build files through the extracted folder. The migration changes or deletes
 * them, so their copies there change with them: said, as for a COPY of the context (MSM041).
 */
export function buildFilesInArtifacts(plan: Plan, changed: ReadonlyMap<string, 'modified' | 'deleted'>, repo: RepoSource): Finding[] {
  const findings: Finding[] = [];
  const used = [...new Set([...plan.uses, ...plan.targets.flatMap((t) => t.uses)].map((u) => u.artifact))];
  for (const builder of plan.builders) {
    const paths = used.filter((a) => a.builder === builder).map((a) => a.builderPath.replace(/\/+$/, ''));
    if (paths.length === 0 || !builder.dockerfile) continue;
    const context = builder.namedContext?.dir ?? (builder.contextPrefix === '' ? plan.contextDir : posix.join(plan.contextDir, builder.contextPrefix));
    const files = contextFilesOf(repo, context, builder.dockerfile.path);
    for (const { instruction, dest } of contextCopies(builder)) {
      const hit = landings(instruction, dest, context, files).filter(([file, at]) => changed.has(file) && paths.some((p) => at === p || at.startsWith(`${p}/`)));
      if (hit.length === 0) continue;
      const names = [...new Set(hit.map(([file]) => file))].sort();
      findings.push(finding(CODES.copiedBuildFiles, 'warning', { file: builder.dockerfile.path, line: instruction.startLine + 1 },
        `${instructionText(instruction)} puts ${changedFiles(names, changed)} in the builder where the image copies its files from: their copies in the image change with them; to keep them out of both images, list them in .dockerignore`));
    }
  }
  return findings;
}

/** The builder stage's COPYs and ADDs from the context, each with its destination made absolute. */
function contextCopies(builder: BuilderPlan): { instruction: InstructionModel; dest: string }[] {
  const file = builder.dockerfile!;
  const out: { instruction: InstructionModel; dest: string }[] = [];
  for (const index of stageChain(file, builder.targetStage)) {
    const parent = parentStage(file, index);
    // A stage FROM an image starts in that image's working folder, which is not known here.
    let dir = parent === null ? null : workdirOf(file, parent);
    for (const instruction of file.stages[index]!.instructions) {
      dir = afterInstruction(dir, instruction);
      const last = instruction.args.at(-1)?.value ?? '';
      if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || instruction.flags.some((f) => f.name === 'from') || instruction.args.length < 2) continue;
      if (last.includes('$') || (!last.startsWith('/') && dir === null)) continue;
      out.push({ instruction, dest: `${last.startsWith('/') ? last : posix.join(dir!, last)}${last.endsWith('/') ? '/' : ''}` });
    }
  }
  return out;
}

/** The stage and the stages it is built FROM, the first one first. */
function stageChain(file: DockerfileModel, index: number): number[] {
  const chain = [index];
  for (let parent = parentStage(file, index); parent !== null; parent = parentStage(file, parent)) chain.unshift(parent);
  return chain;
}

/** Each file of the context a COPY reads, with where it lands in the builder. */
function landings(instruction: InstructionModel, dest: string, context: string, files: (path: string) => string[]): [string, string][] {
  const sources = instruction.args.slice(0, -1).map((a) => a.value).filter((s) => !/[$*?[]/.test(s) && !/^[a-z]+:\/\//.test(s));
  const intoFolder = dest.endsWith('/') || sources.length > 1;
  const out: [string, string][] = [];
  for (const source of sources) {
    const rel = contextPath(context, source);
    for (const file of files(rel)) {
      const inside = file === rel ? (intoFolder ? posix.basename(file) : '') : file.slice(rel === '.' ? 0 : rel.length + 1);
      out.push([file, inside === '' ? dest.replace(/\/+$/, '') : posix.join(dest, inside)]);
    }
  }
  return out;
}
