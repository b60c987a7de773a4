/**
 * Our own shell syntax tree: the few node kinds the analysis needs, with positions as JS
 * string indices. Keeping it separate from the parser's tree lets the parser be replaced.
 */

export interface Span {
  /** JS string index of the first character. */
  start: number;
  /** JS string index just past the last character. */
  end: number;
  /** 1-based line of `start`. */
  line: number;
  /** 1-based column of `start`, in characters. */
  column: number;
  /** 1-based line of the last character. */
  endLine: number;
}

export interface ShellScript {
  file: string;
  text: string;
  stmts: Stmt[];
  comments: Comment[];
  /** For a script made from other files (a Makefile's recipes): the file and line each line stands for. */
  origin?: (line: number) => { file: string; line: number };
}

export interface Comment {
  span: Span;
  text: string;
}

export interface Stmt {
  span: Span;
  cmd: Command;
  redirects: Redirect[];
  background: boolean;
  negated: boolean;
}

export interface Redirect {
  op: string;
  target: Word | null;
  span: Span;
}

export type Command =
  | CallCommand
  | BinaryCommand
  | IfCommand
  | GroupCommand
  | FunctionCommand
  | ForCommand
  | WhileCommand
  | CaseCommand
  | DeclareCommand
  | OtherCommand;

export interface CallCommand {
  type: 'call';
  span: Span;
  assigns: Assign[];
  args: Word[];
}

export interface BinaryCommand {
  type: 'binary';
  span: Span;
  op: '&&' | '||' | '|' | '|&';
  left: Stmt;
  right: Stmt;
}

export interface IfCommand {
  type: 'if';
  span: Span;
  cond: Stmt[];
  then: Stmt[];
  /** `else` body; an `elif` is an IfCommand wrapped in a single statement. */
  else: Stmt[];
}

export interface GroupCommand {
  type: 'block' | 'subshell';
  span: Span;
  stmts: Stmt[];
}

export interface FunctionCommand {
  type: 'function';
  span: Span;
  name: string;
  body: Stmt;
}

export interface ForCommand {
  type: 'for';
  span: Span;
  variable: string | null;
  /** null: `for x; do` (positional parameters) or a C-style loop. */
  items: Word[] | null;
  body: Stmt[];
}

export interface WhileCommand {
  type: 'while';
  span: Span;
  cond: Stmt[];
  body: Stmt[];
}

export interface CaseCommand {
  type: 'case';
  span: Span;
  word: Word;
  items: { patterns: Word[]; stmts: Stmt[] }[];
}

/** `export`, `local`, `declare`, `readonly`, `typeset`. */
export interface DeclareCommand {
  type: 'declare';
  span: Span;
  variant: string;
  assigns: Assign[];
}

/** Constructs the analysis does not look into: `[[ ]]`, `(( ))`, `let`, `time`, ... */
export interface OtherCommand {
  type: 'other';
  span: Span;
  kind: string;
}

export interface Assign {
  span: Span;
  name: string;
  append: boolean;
  /** null for `X=` and for a declaration without a value (`local x`). */
  value: Word | null;
  /** Elements of `X=(a b c)`. */
  array: Word[] | null;
  /** `export X` with no `=`. */
  naked: boolean;
}

export interface Word {
  span: Span;
  parts: WordPart[];
}

export type WordPart =
  | { type: 'literal'; value: string; span: Span }
  | { type: 'single-quoted'; value: string; span: Span }
  | { type: 'double-quoted'; parts: WordPart[]; span: Span }
  | ParamExpansion
  | { type: 'command-substitution'; stmts: Stmt[]; span: Span }
  | { type: 'unsupported'; kind: string; span: Span };

export interface ParamExpansion {
  type: 'param';
  span: Span;
  name: string;
  /** `${#x}` */
  length: boolean;
  /** `${a[0]}`: the index text, when there is one. */
  index: string | null;
  /** `${x:-w}` and friends: the operator text (`:-`, `-`, `:=`, `=`, `:+`, `+`, `:?`, `?`, ...). */
  operator: string | null;
  operand: Word | null;
  /** Slices, replacements, indirection: the value cannot be followed. */
  complex: boolean;
}
