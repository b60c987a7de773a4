import { MigrateError } from '../errors.js';
import type { Stmt, Word } from '../parse/shell/ast.js';
import { parseShell } from '../parse/shell/parse-shell.js';
import type { Arg } from './events.js';

/** What `trap ARG SIGNAL...` asks for. */
export type TrapRequest =
  | { kind: 'set'; handler: TrapHandler; signals: string[] }
  | { kind: 'reset'; signals: string[] }
  /** `trap -p`, or a handler this analysis cannot read. */
  | { kind: 'none' };

export interface TrapHandler {
  /** The handler's commands, at their own offsets in the script, so edits and lines stay true. */
  stmts: Stmt[];
  /** `trap "docker rm $id" EXIT`: its variables are read when the trap is set, not when it runs. */
  expandedWhenSet: boolean;
}

/**
 * Reads the trap builtin's arguments. Only a handler written as one literal or single-quoted
 * word, or a double-quoted one with plain `$var`s, is followed: then its text in the script is
 * the text the shell runs, and the commands it runs keep their places.
 */
export function readTrap(args: Arg[], text: string, parse: (start: number, end: number) => Stmt[] | null): TrapRequest {
  const operands = args[0]?.value === '--' ? args.slice(1) : args;
  const [action, ...signals] = operands;
  if (!action || signals.length === 0 || (action.value.startsWith('-') && action.value !== '-')) return { kind: 'none' };
  if (action.value === '-' || action.value === '') return { kind: 'reset', signals: signals.map((s) => normalSignal(s.value)) };
  const source = handlerSource(action.word, text);
  if (!source) return { kind: 'none' };
  const stmts = parse(source.start, source.end);
  if (!stmts) return { kind: 'none' };
  return { kind: 'set', handler: { stmts, expandedWhenSet: source.expandedWhenSet }, signals: signals.map((s) => normalSignal(s.value)) };
}

/** `0` and `EXIT` are one signal; `SIGINT` and `INT` too. */
export function normalSignal(signal: string): string {
  const name = signal.toUpperCase().replace(/^SIG/, '');
  return name === '0' ? 'EXIT' : name;
}

function handlerSource(word: Word, text: string): { start: number; end: number; expandedWhenSet: boolean } | null {
  if (word.type === 'literal') return { start: word.start, end: word.end, expandedWhenSet: false };
  if (word.type === 'single-quoted') return { start: word.start + 1, end: word.end - 1, expandedWhenSet: false };
  if (word.type !== 'double-quoted') return null;
  const inner = text.slice(word.start + 1, word.end - 1);
  // Quotes, escapes and substitutions inside the double quotes are read twice by the shell.
  if (/[\\"'`]|\$\(/.test(inner)) return null;
  return { start: word.start + 1, end: word.end - 1, expandedWhenSet: /\$/.test(inner) };
}

/** Parses text[start, end) as a script of its own whose nodes carry the script's offsets. */
export function parseAt(text: string, start: number, end: number, file: string): Stmt[] | null {
  // Blanks before the handler keep its offsets; a line break would need one of its own.
  const padded = text.slice(0, start).replace(/[^\n]/g, ' ') + text.slice(start, end);
  try {
    return parseShell(padded, file).stmts;
  } catch (err) {
    if (err instanceof MigrateError) return null;
    throw err;
  }
}
