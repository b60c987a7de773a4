import type { LineIndex } from './line-index.js';

/**
 * Our own shell syntax tree: the few node kinds the analysis needs, with positions as JS
 * string indices. Keeping it separate from the parser's tree lets the parser be replaced.
 *
 * Every node is its own span: it carries `start` and `end`, not a span object. A long
 * script's tree has a node every few characters, and each object the tree holds is one the
 * garbage collector copies while the tree lives.
 */

export interface Span {
  /** JS string index of the first character. */
  start: number;
  /** JS string index just past the last character. */
  end: number;
}

export interface ShellScript {
  file: string;
  text: string;
  stmts: Stmt[];
  comments: Comment[];
  /** Lines and columns of the indices in the tree. */
  lines: LineIndex;
  /** For a script made from other files (a Makefile's recipes): the file and line each line stands for. */
  origin?: (line: number) => { file: string; line: number };
}

/** A `#` comment: its text is the script's, past the `#` to `end`, and is not kept twice. */
export type Comment = Span;

export interface Stmt extends Span {
  cmd: Command;
  redirects: Redirect[];
  background: boolean;
  negated: boolean;
}

export interface Redirect extends Span {
  op: string;
  target: Word | null;
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

export interface CallCommand extends Span {
  type: 'call';
  assigns: Assign[];
  args: Word[];
}

export interface BinaryCommand extends Span {
  type: 'binary';
  op: '&&' | '||' | '|' | '|&';
  left: Stmt;
  right: Stmt;
}

export interface IfCommand extends Span {
  type: 'if';
  cond: Stmt[];
  then: Stmt[];
  /** `else` body; an `elif` is an IfCommand wrapped in a single statement. */
  else: Stmt[];
}

export interface GroupCommand extends Span {
  type: 'block' | 'subshell';
  stmts: Stmt[];
}

export interface FunctionCommand extends Span {
  type: 'function';
  name: string;
  body: Stmt;
}

export interface ForCommand extends Span {
  type: 'for';
  variable: string | null;
  /** null: `for x; do` (positional parameters) or a C-style loop. */
  items: Word[] | null;
  body: Stmt[];
}

export interface WhileCommand extends Span {
  type: 'while';
  cond: Stmt[];
  body: Stmt[];
}

export interface CaseCommand extends Span {
  type: 'case';
  word: Word;
  items: { patterns: Word[]; stmts: Stmt[] }[];
}

/** `export`, `local`, `declare`, `readonly`, `typeset`. */
export interface DeclareCommand extends Span {
  type: 'declare';
  variant: string;
  assigns: Assign[];
}

/** Constructs the analysis does not look into: `[[ ]]`, `(( ))`, `let`, `time`, ... */
export interface OtherCommand extends Span {
  type: 'other';
  kind: string;
}

export interface Assign extends Span {
  name: string;
  append: boolean;
  /** null for `X=` and for a declaration without a value (`local x`). */
  value: Word | null;
  /** Elements of `X=(a b c)`. */
  array: Word[] | null;
  /** `export X` with no `=`. */
  naked: boolean;
}

/**
 * A word. Most words are one part (`docker`, `"$x"`), and such a word is that part: it has
 * no object or list of its own, as a long script has a word every few characters. A word of
 * several parts (`a"$b"`), or of none, is a CompoundWord. `wordParts` gives either's parts.
 */
export type Word = WordPart | CompoundWord;

export interface CompoundWord extends Span {
  type: 'word';
  parts: WordPart[];
}

export type WordPart =
  | ({ type: 'literal'; value: string } & Span)
  | ({ type: 'single-quoted'; value: string } & Span)
  | ({ type: 'double-quoted'; parts: WordPart[] } & Span)
  | ParamExpansion
  | ({ type: 'command-substitution'; stmts: Stmt[] } & Span)
  | ({ type: 'unsupported'; kind: string } & Span);

export interface ParamExpansion extends Span {
  type: 'param';
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
