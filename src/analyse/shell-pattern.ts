import { charStep } from '../glob-class.js';
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
    if (ch === '*') steps.push({ kind: 'any' });
    else if (ch === '?') steps.push(ANY_ONE);
    else {
      const [step, last] = charStep(pattern, i, { bangNegates: true });
      steps.push(step);
      i = last;
    }
  }
  return globOf(steps);
}
