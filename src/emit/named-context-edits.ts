import type { DockerfileModel, InstructionModel } from '../parse/dockerfile/model.js';
import { contextBindMount, isContextCopy, REMOTE_SOURCE } from '../plan/context-reads.js';
import type { NamedContext } from '../plan/model.js';
import { inCaseOf, type TextEdit } from './text-edits.js';

/**
 * The builder file's reads of its own context, pointed at the named context: `COPY src dst`
 * becomes `COPY --from=NAME src dst`, `ADD` of local files the same COPY (the plan refused
 * local archives, which only ADD unpacks), a bind mount without `from=` gets one. ADD of a URL
 * reads no context and stays.
 */
export function namedContextEdits(file: DockerfileModel, context: NamedContext): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const instruction of file.instructions) {
    edits.push(...bindMountEdits(instruction, context.name));
    if (!isContextCopy(instruction)) continue;
    const sources = instruction.args.slice(0, -1);
    if (sources.every((a) => REMOTE_SOURCE.test(a.value))) continue;
    const keyword = instruction.keyword === 'ADD' ? inCaseOf(instruction.keywordText, 'COPY') : instruction.keywordText;
    edits.push({ ...instruction.keywordRange, text: `${keyword} --from=${context.name}` });
  }
  return edits;
}

function bindMountEdits(instruction: InstructionModel, name: string): TextEdit[] {
  if (instruction.keyword !== 'RUN') return [];
  const edits: TextEdit[] = [];
  for (const flag of instruction.flags) {
    if (!contextBindMount(flag)) continue;
    edits.push({ start: flag.range.end, end: flag.range.end, text: `,from=${name}` });
  }
  return edits;
}
