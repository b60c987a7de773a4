import { classEnd, classStep } from '../glob-class.js';
import { globOf, type Glob, type GlobStep } from '../glob-match.js';

const ANY_ONE: GlobStep = { kind: 'one', cls: /^[^]$/ };

/**
 * A pattern as bash reads it in `${x#p}` and its kin: `*` is any run of characters, `/`
 * included, `?` any one character, `[...]` a class (`!` or `^` negates), a backslash escapes.
 */
export function shellPattern(pattern: string): Glob {
  const steps: GlobStep[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    const close = ch === '[' ? classEnd(pattern, i) : -1;
    if (ch === '*') steps.push({ kind: 'any' });
    else if (ch === '?') steps.push(ANY_ONE);
    else if (close >= 0) {
      steps.push(classStep(pattern.slice(i + 1, close), { bangNegates: true }));
      i = close;
    } else if (ch === '\\' && i + 1 < pattern.length) steps.push({ kind: 'char', ch: pattern[++i]! });
    else steps.push({ kind: 'char', ch });
  }
  return globOf(steps);
}
