import { posix } from 'node:path';
import type { ValueTable } from '../analyse/values.js';
import type { SourceLocation } from '../errors.js';
import type { InstructionModel } from '../parse/dockerfile/model.js';
import type { RepoSource } from '../repo.js';
import { contextCopies, fromChain, landings, type ContextCopy } from './builder-context-copies.js';
import { contextFilesOf } from './context-checks.js';
import { instructionText } from './copied-build-files.js';
import { contextDirOf } from './load-dockerfile.js';
import type { BuilderPlan } from './model.js';

/** An image's Dockerfile that the script took out of its builder: the repo file the builder copied there. */
export interface TakenDockerfile {
  /** The path the build named (`ctx/Dockerfile`), repo-relative. */
  named: string;
  /** Where it was in the builder (`/build/Dockerfile`). */
  builderPath: string;
  /** The builder's COPY that put the repo's file there. */
  copiedBy: SourceLocation;
  /** The script's command that took it out. */
  takenBy: SourceLocation;
}

const ARCHIVE = /\.(tar|tgz|tbz2?|txz|tar\.(gz|bz2|xz|zst|lz|lzma))$/i;

/**
 * `COPY Dockerfile.run /build/Dockerfile` in the builder, then `... | tar -x -C ctx` and
 * `docker build ctx`: the image's Dockerfile is the repo's Dockerfile.run, as long as nothing
 * in the builder after that COPY may have written over it or changed it (a later COPY onto it,
 * a RUN that names the file or its folder). The repo path, or why it is not read for it.
 */
export function dockerfileFromBuilder(builder: BuilderPlan, builderPath: string, values: ValueTable, repo: RepoSource): { path: string; instruction: InstructionModel } | { problem: string } {
  const file = builder.dockerfile;
  if (!file || !builder.build) return { problem: `the builder ${values.describe(builder.image)} is not built from a Dockerfile of the repo` };
  const context = contextDirOf(builder.build, values);
  const files = contextFilesOf(repo, context, file.path);
  const known = new Map(contextCopies(builder).map((c) => [c.instruction, c]));
  let source: { path: string; instruction: InstructionModel } | null = null;
  let problem: string | null = null;
  for (const index of fromChain(file, builder.targetStage)) {
    for (const instruction of file.stages[index]!.instructions) {
      const copy = known.get(instruction);
      const hit = copy && landings(copy, context, files).findLast(([, at]) => at === builderPath);
      if (hit) {
        source = { path: hit[0], instruction };
        problem = instruction.keyword === 'ADD' && ARCHIVE.test(hit[0]) ? `${instructionText(instruction)} unpacks an archive there` : null;
      } else if (source) problem = changeAfter(instruction, copy, builderPath, file.text) ?? problem;
    }
  }
  if (!source) return { problem: `no COPY of ${file.path} puts a file of the repo at ${builderPath}` };
  if (problem) return { problem: `${file.path}:${source.instruction.startLine + 1} copies ${source.path} there, but ${problem}` };
  return source;
}

/** Why an instruction after the COPY may change the file at `builderPath`, or null. */
function changeAfter(instruction: InstructionModel, copy: ContextCopy | undefined, builderPath: string, text: string): string | null {
  const where = `at line ${instruction.startLine + 1}`;
  if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
    const dest = copy?.dest ?? instruction.args.at(-1)?.value ?? '';
    const folder = dest.replace(/\/+$/, '');
    const covers = !dest.startsWith('/') || dest.includes('$') || folder === builderPath || builderPath.startsWith(`${folder}/`);
    // A COPY of the context lands where its files say, unless a source is a pattern or a variable.
    const exact = copy !== undefined && !instruction.args.slice(0, -1).some((a) => /[$*?[]/.test(a.value));
    return covers && !exact ? `${text.slice(instruction.range.start, instruction.range.end).replace(/\s+/g, ' ')} ${where} may write over it` : null;
  }
  if (instruction.keyword !== 'RUN') return null;
  const run = text.slice(instruction.range.start, instruction.range.end);
  return namesPath(run, builderPath) ? `RUN ${where} names it or its folder and may change it` : null;
}

/** Whether a command names the file (`Dockerfile`) or its folder other than as a part of another path (`/build/app`). */
function namesPath(command: string, builderPath: string): boolean {
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const name = posix.basename(builderPath);
  const dir = posix.dirname(builderPath);
  if (new RegExp(`(^|[^\\w.-])${escape(name)}($|[^\\w.-])`).test(command)) return true;
  return dir !== '/' && new RegExp(`${escape(dir)}(?!/[\\w-]|[\\w.-])`).test(command);
}
