import type { GlobStep } from './glob-match.js';

/**
 * Bracket classes of wildcard patterns, as Go's filepath.Match, bash and git read them: a
 * backslash escapes, `a-z` is a range, `^` negates (and `!`, for bash and git), and a range
 * from high to low (`z-a`) matches nothing, where a JS class would not compile.
 */
export function classStep(body: string, options: { bangNegates: boolean }): GlobStep {
  const { negated, ranges } = classRanges(body, options);
  const items = ranges.filter(([lo, hi]) => lo <= hi).map(([lo, hi]) => (lo === hi ? classEscape(lo) : `${classEscape(lo)}-${classEscape(hi)}`));
  if (items.length === 0) return { kind: 'one', cls: negated ? ANY : NONE };
  return { kind: 'one', cls: new RegExp(`^[${negated ? '^' : ''}${items.join('')}]$`) };
}

/**
 * The step for the pattern's character at `i`, in every dialect alike: a class when a `[`
 * opens one, the escaped character after a backslash, else the character itself. Also the
 * index of the last character it took.
 */
export function charStep(pattern: string, i: number, options: { bangNegates: boolean }): [GlobStep, number] {
  const ch = pattern[i]!;
  const close = ch === '[' ? classEnd(pattern, i) : -1;
  if (close >= 0) return [classStep(pattern.slice(i + 1, close), options), close];
  if (ch === '\\' && i + 1 < pattern.length) return [{ kind: 'char', ch: pattern[i + 1]! }, i + 1];
  return [{ kind: 'char', ch }, i];
}

/** The ranges a class's body names, a single character as a range of one; those from high to low too. */
export function classRanges(body: string, options: { bangNegates: boolean }): { negated: boolean; ranges: [string, string][] } {
  const negated = body.startsWith('^') || (options.bangNegates && body.startsWith('!'));
  const ranges: [string, string][] = [];
  for (let i = negated ? 1 : 0; i < body.length; ) {
    const [lo, afterLo] = classChar(body, i);
    if (body[afterLo] === '-' && afterLo + 1 < body.length) {
      const [hi, afterHi] = classChar(body, afterLo + 1);
      ranges.push([lo, hi]);
      i = afterHi;
    } else {
      ranges.push([lo, lo]);
      i = afterLo;
    }
  }
  return { negated, ranges };
}

const ANY = /^[^]$/;
const NONE = /(?!)/;

/** Where the class opened at `open` ends: its first `]` that is neither escaped nor right after the `[`; -1 when none. */
export function classEnd(pattern: string, open: number): number {
  for (let k = open + 1; k < pattern.length; k++) {
    if (pattern[k] === '\\') k++;
    else if (pattern[k] === ']' && k > open + 1) return k;
  }
  return -1;
}

/** The character at `i` of a class, a backslash escape taken as the character it escapes; and where the next begins. */
function classChar(body: string, i: number): [string, number] {
  return body[i] === '\\' && i + 1 < body.length ? [body[i + 1]!, i + 2] : [body[i]!, i + 1];
}

function classEscape(ch: string): string {
  return /[\\\]\[^-]/.test(ch) ? `\\${ch}` : ch;
}
