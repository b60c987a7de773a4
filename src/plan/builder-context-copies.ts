import { posix } from 'node:path';
import type { DockerfileModel, InstructionModel } from '../parse/dockerfile/model.js';
import { contextPath } from './copy-mapping.js';
import type { BuilderPlan } from './model.js';
import { afterInstruction, workdirOf } from './container-workdir.js';
import { parentStage } from './stage-parent.js';

/** A COPY or ADD of the builder's context, with its destination made absolute (ending in `/` where written so). */
export interface ContextCopy {
  instruction: InstructionModel;
  dest: string;
}

/** The builder stage's COPYs and ADDs from the context, in order, each with its destination made absolute. */
export function contextCopies(builder: BuilderPlan): ContextCopy[] {
  const file = builder.dockerfile!;
  const out: ContextCopy[] = [];
  for (const index of fromChain(file, builder.targetStage)) {
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
export function fromChain(file: DockerfileModel, index: number): number[] {
  const chain = [index];
  for (let parent = parentStage(file, index); parent !== null; parent = parentStage(file, parent)) chain.unshift(parent);
  return chain;
}

/** Each file of the context a COPY reads, with where it lands in the builder. */
export function landings(copy: ContextCopy, context: string, files: (path: string) => string[]): [string, string][] {
  const { instruction, dest } = copy;
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
