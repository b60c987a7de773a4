import type { DockerfileModel, InstructionModel } from '../parse/dockerfile/model.js';
import type { CopyLine, CopyRewrite } from '../plan/model.js';
import { inCaseOf, lineStartOf, type TextEdit } from './text-edits.js';

/**
 * Edits for one COPY/ADD that reads extracted files. One resulting line with the same sources
 * is edited in place (flags inserted, sources replaced); anything else is written anew.
 */
export function copyRewriteEdits(rewrite: CopyRewrite, file: DockerfileModel): TextEdit[] {
  const { instruction, lines } = rewrite;
  const sources = instruction.args.slice(0, -1);
  const only = lines[0]!;
  const plain = !instruction.json && !sourcesOf(only).some((s) => /\s/.test(s));
  if (lines.length === 1 && plain && only.sources.length === sources.length && only.from !== null && only.dest === instruction.args.at(-1)!.value) {
    return inPlaceEdits(instruction, only);
  }
  const indent = file.text.slice(lineStartOf(file.text, instruction.range.start), instruction.range.start);
  const text = lines.map((line) => lineText(instruction, line, file)).join(file.eol + indent);
  return [{ start: instruction.range.start, end: instruction.range.end, text }];
}

function inPlaceEdits(instruction: InstructionModel, line: CopyLine): TextEdit[] {
  const edits: TextEdit[] = [];
  if (instruction.keyword === 'ADD') {
    edits.push({ ...instruction.keywordRange, text: inCaseOf(instruction.keywordText, 'COPY') });
  }
  const firstWord = instruction.flags[0]?.range.start ?? instruction.args[0]!.range.start;
  edits.push({ start: firstWord, end: firstWord, text: `${addedFlags(instruction, line).join(' ')} ` });
  instruction.args.slice(0, -1).forEach((arg, i) => {
    edits.push({ ...arg.range, text: quote(sourcesOf(line)[i]!) });
  });
  return edits;
}

function addedFlags(instruction: InstructionModel, line: CopyLine): string[] {
  if (line.from === null) return [];
  const flags = [`--from=${line.via?.stageName ?? line.from.stageName}`];
  if (line.from.chown && !line.unpacked && !instruction.flags.some((f) => f.name === 'chown')) flags.push('--chown=0:0');
  if (line.chmod && !instruction.flags.some((f) => f.name === 'chmod')) flags.push(`--chmod=${line.chmod}`);
  return flags;
}

function lineText(instruction: InstructionModel, line: CopyLine, file: DockerfileModel): string {
  const keyword = line.from !== null && instruction.keyword === 'ADD' ? inCaseOf(instruction.keywordText, 'COPY') : instruction.keywordText;
  const flags = [...addedFlags(instruction, line), ...instruction.flags.map((f) => file.text.slice(f.range.start, f.range.end))];
  const destArg = instruction.args.at(-1)!;
  const sources = sourcesOf(line);
  const words = instruction.json || [...sources, line.dest].some((w) => /\s/.test(w))
    ? [JSON.stringify([...sources, line.dest]).replace(/","/g, '", "')]
    : [...sources, line.dest === destArg.value ? file.text.slice(destArg.range.start, destArg.range.end) : line.dest];
  return [keyword, ...flags, ...words].join(' ');
}

/** What the line copies, as its stage has it: a file under its host name comes from the stage that keeps that name. */
function sourcesOf(line: CopyLine): string[] {
  return line.via ? [`/${line.via.path}`] : line.sources;
}

function quote(path: string): string {
  return /\s/.test(path) ? JSON.stringify(path) : path;
}
