import type { Arg } from '../analyse/events.js';
import type { WordPart } from '../parse/shell/ast.js';
import { shellWord } from '../parse/shell/quote.js';
import { wordParts } from '../parse/shell/word-parts.js';

/**
 * A path with `*` and `?` the shell should expand: the wildcards stay bare, the text between
 * them is quoted when it needs to be.
 */
export function globWord(value: string): string {
  return value
    .split(/([*?]+)/)
    .map((piece, i) => (i % 2 === 1 ? piece : piece === '' ? '' : shellWord(piece)))
    .join('');
}

/**
 * Whether the host shell expanded wildcards in this word: `unquoted` when every `*`, `?`, `[`
 * of the value was written bare, `none` when all were quoted (or there are none), `unknown`
 * when a variable or `$(...)` put them there or the word mixes both.
 */
export function globOf(arg: Arg): 'none' | 'unquoted' | 'unknown' {
  const count = (text: string): number => (text.match(/[*?[]/g) ?? []).length;
  const total = count(arg.value);
  if (total === 0) return 'none';
  const parts = wordParts(arg.word);
  if (parts.some((p) => p.type === 'param' || p.type === 'command-substitution' || p.type === 'unsupported')) return 'unknown';
  const bare = parts.reduce((n, p) => n + (p.type === 'literal' ? count(unescaped(p)) : 0), 0);
  if (bare === 0) return 'none';
  return bare === total && !/\[/.test(arg.value) ? 'unquoted' : 'unknown';
}

/** A literal part's text without backslash escapes (`\*` is not a wildcard). */
function unescaped(part: WordPart & { type: 'literal' }): string {
  return part.value.replace(/\\./g, '');
}
