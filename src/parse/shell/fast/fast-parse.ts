import type { ShellScript } from '../ast.js';
import { LineIndex } from '../line-index.js';
import { CommandReader } from './commands.js';
import { GiveUp } from './give-up.js';

/**
 * Parses the common subset of bash that build scripts use, giving exactly the tree the
 * full parser's adapter gives. Returns null for anything outside that subset (heredocs,
 * arithmetic, `[[ ]]`, syntax errors, ...): the caller then uses the full parser.
 * Throws TooDeep for scripts nested beyond MAX_NESTING, and UnclosedQuote for a text that
 * ends inside a quote.
 */
export function fastParse(text: string, file: string): ShellScript | null {
  // No size limit: the full parser takes about a millisecond a line (a minute for 1 MB), and
  // this one's tree is the same at any size. A CR that does not end a line, or a NUL, is read
  // differently by the full parser.
  if (/\r(?!\n)|\0/.test(text)) return null;
  const reader = new CommandReader(text);
  try {
    const stmts = reader.list([]);
    if (!reader.atEnd()) return null;
    return { file, text, stmts, comments: reader.comments, lines: new LineIndex(text) };
  } catch (err) {
    if (err instanceof GiveUp) return null;
    throw err;
  }
}

export { TooDeep } from './cursor.js';
export { UnclosedQuote } from './give-up.js';
