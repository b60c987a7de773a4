import { MigrateError } from '../../errors.js';
import type { ShellScript } from './ast.js';
import { buildOffsetMap } from './byte-offsets.js';
import { fastParse, TooDeep, UnclosedQuote } from './fast/fast-parse.js';
import { parseWithMvdan } from './mvdan-adapter.js';
import { guardFullParser } from './full-parser-guard.js';
import { tooDeep } from './too-deep.js';

/**
 * Parses bash (a superset of the POSIX sh that build scripts use). Throws MigrateError.
 * The common subset goes through a small fast parser; the rest, and every syntax error but
 * a text that ends inside a quote, through mvdan-sh, whose trees and words the fast parser
 * reproduces exactly.
 */
export function parseShell(text: string, file: string): ShellScript {
  let script: ShellScript | null;
  try {
    script = fastParse(text, file);
  } catch (err) {
    if (err instanceof TooDeep) throw tooDeep(file);
    if (err instanceof UnclosedQuote) throw unclosedQuote(err, text, file);
    throw err;
  }
  if (script) return script;
  guardFullParser(text, file);
  return parseWithMvdan(text, file);
}

/** mvdan-sh's error for a text that ends inside a quote, at the quote, without loading it. */
function unclosedQuote(err: UnclosedQuote, text: string, file: string): MigrateError {
  // The same checks as before the full parser, so that a script gets the same error either way.
  guardFullParser(text, file);
  const offsets = buildOffsetMap(text);
  return new MigrateError(`reached EOF without closing quote ${err.quote}`, { file, line: offsets.lineOf(err.index), column: offsets.columnOf(err.index) });
}
