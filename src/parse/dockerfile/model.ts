/** Our view of a Dockerfile: instructions with exact source ranges, so edits keep the rest. */
export interface DockerfileModel {
  path: string;
  /** The text without a BOM. */
  text: string;
  bom: boolean;
  eol: '\n' | '\r\n';
  escape: string;
  directives: Directive[];
  instructions: InstructionModel[];
  stages: StageModel[];
  /**
   * Written in the build script as a here-document, not a file of its own: `path` is the
   * script's, and `text` has a blank line for each line of the script before it.
   */
  hereDocument?: true;
}

export interface Directive {
  name: string;
  value: string;
  /** 0-based line. */
  line: number;
}

export interface TextRange {
  /** JS string offsets into DockerfileModel.text. */
  start: number;
  end: number;
}

export interface InstructionModel {
  /** Upper case: FROM, COPY, ... */
  keyword: string;
  /** As written: `copy`, `Copy`, ... */
  keywordText: string;
  range: TextRange;
  keywordRange: TextRange;
  /** 0-based first and last line. */
  startLine: number;
  endLine: number;
  flags: FlagModel[];
  /** Arguments after the flags. */
  args: ArgModel[];
  /** Index of the stage it belongs to; -1 for instructions before the first FROM. */
  stage: number;
  /** Exec-form JSON (`COPY ["a", "b"]`). */
  json: boolean;
}

export interface FlagModel {
  name: string;
  value: string | null;
  range: TextRange;
}

export interface ArgModel {
  value: string;
  range: TextRange;
}

export interface StageModel {
  index: number;
  name: string | null;
  image: string;
  from: InstructionModel;
  instructions: InstructionModel[];
}
