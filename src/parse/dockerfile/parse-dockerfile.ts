import { DockerfileParser, type Flag, type Instruction } from 'dockerfile-ast';
import './arguments-read-once.js';
import type {
  ArgModel,
  DockerfileModel,
  FlagModel,
  InstructionModel,
  StageModel,
  TextRange,
} from './model.js';

const BOM = '\uFEFF';

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}

/** Parses a Dockerfile, keeping exact ranges. dockerfile-ast never throws; neither do we. */
export function parseDockerfile(source: string, path: string): DockerfileModel {
  const bom = source.startsWith(BOM);
  const text = bom ? source.slice(1) : source;
  const lineStarts = computeLineStarts(text);
  const offset = (pos: { line: number; character: number }): number => (lineStarts[pos.line] ?? text.length) + pos.character;
  const toRange = (range: Range): TextRange => ({ start: offset(range.start), end: offset(range.end) });
  const parsed = DockerfileParser.parse(text);
  const instructions: InstructionModel[] = [];
  const stages: StageModel[] = [];
  for (const instruction of parsed.getInstructions()) {
    const model = toInstruction(instruction, text, toRange, stages.length - 1);
    if (model.keyword === 'FROM') {
      model.stage = stages.length;
      stages.push(toStage(model, stages.length));
    }
    if (model.stage >= 0) stages[model.stage]!.instructions.push(model);
    instructions.push(model);
  }
  return {
    path,
    text,
    bom,
    eol: /\r\n/.test(text) ? '\r\n' : '\n',
    escape: parsed.getEscapeCharacter(),
    directives: parsed.getDirectives().map((d) => ({
      name: d.getName().toLowerCase(),
      value: d.getValue(),
      line: d.getRange().start.line,
    })),
    instructions,
    stages,
  };
}

function toInstruction(
  instruction: Instruction,
  text: string,
  toRange: (range: Range) => TextRange,
  stage: number,
): InstructionModel {
  const range = toRange(instruction.getRange());
  const flagged = instruction as Instruction & { getFlags?: () => Flag[] };
  const flags: FlagModel[] = (flagged.getFlags?.() ?? []).map((flag) => ({
    name: flag.getName(),
    value: flag.getValue(),
    range: toRange(flag.getRange()),
  }));
  const keywordRange = toRange(instruction.getInstructionRange());
  const json = /^\s*\[/.test(text.slice(keywordRange.end, range.end));
  const plainArgs: ArgModel[] = instruction.getArguments().map((arg) => ({ value: arg.getValue(), range: toRange(arg.getRange()) }));
  const args = withoutHeredocBodies(stripFlags(plainArgs, flags), text);
  return {
    keyword: instruction.getKeyword(),
    keywordText: text.slice(keywordRange.start, keywordRange.end),
    range,
    keywordRange,
    startLine: instruction.getRange().start.line,
    endLine: instruction.getRange().end.line,
    flags,
    args: json ? jsonArgs(args, text) : args,
    stage,
    json,
  };
}

/**
 * `COPY <<EOF /etc/motd`, then the document's lines: dockerfile-ast lists the document's
 * words as arguments too. The arguments end with the line that opens the first document.
 */
function withoutHeredocBodies(args: ArgModel[], text: string): ArgModel[] {
  const opener = args.find((a) => HEREDOC.test(a.value));
  if (opener === undefined) return args;
  const lineEnd = text.indexOf('\n', opener.range.end);
  return lineEnd < 0 ? args : args.filter((a) => a.range.start < lineEnd);
}

const HEREDOC = /^<<-?(["']?)[A-Za-z_][\w.-]*\1$/;

/** getArguments() on instructions without flag support still lists `--flag` words. */
function stripFlags(args: ArgModel[], flags: FlagModel[]): ArgModel[] {
  const lastFlagEnd = Math.max(-1, ...flags.map((f) => f.range.end));
  return args.filter((a) => a.range.start > lastFlagEnd);
}

/**
 * Exec form: the items of the JSON array (dockerfile-ast's own JSON values lose spaces), each
 * with the range of the whole array.
 */
function jsonArgs(args: ArgModel[], text: string): ArgModel[] {
  if (args.length === 0) return args;
  const range = { start: args[0]!.range.start, end: args.at(-1)!.range.end };
  try {
    const items: unknown = JSON.parse(text.slice(range.start, range.end));
    if (Array.isArray(items) && items.every((i) => typeof i === 'string')) return items.map((value: string) => ({ value, range }));
  } catch {
    // Not valid JSON: Docker runs it in shell form, and so do we.
  }
  return args;
}

function toStage(from: InstructionModel, index: number): StageModel {
  const [image = '', as, name] = from.args.map((a) => a.value);
  return {
    index,
    name: as?.toLowerCase() === 'as' && name ? name : null,
    image,
    from,
    instructions: [],
  };
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}
