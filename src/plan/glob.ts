import { charStep, classEnd, classRanges } from '../glob-class.js';
import { globOf, type Glob, type GlobStep } from '../glob-match.js';

export type { Glob } from '../glob-match.js';

/**
 * Go's filepath.Match, which Docker uses for COPY sources and .dockerignore: `*` and `?`
 * never cross `/`, `[...]` classes, `\` escapes. `**` (dockerignore only) crosses folders.
 */
export function compileGlob(pattern: string, options: { doubleStar?: boolean } = {}): Glob {
  const steps: GlobStep[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      if (options.doubleStar && pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') {
          i++;
          steps.push({ kind: 'dirs' });
        } else steps.push({ kind: 'any' });
      } else steps.push({ kind: 'star' });
    } else if (ch === '?') steps.push({ kind: 'one', cls: null });
    else {
      const [step, last] = charStep(pattern, i, { bangNegates: false });
      steps.push(step);
      i = last;
    }
  }
  return globOf(steps);
}

/**
 * Why Docker refuses a .dockerignore pattern, or null: moby's patternmatcher stops the build
 * on a `[` that is not closed (Go's filepath.Match says so) and on a range from high to low
 * (its regexp does not compile).
 */
export function badIgnorePattern(pattern: string): string | null {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') {
      i++;
      continue;
    }
    if (pattern[i] !== '[') continue;
    const close = classEnd(pattern, i);
    if (close < 0) return 'a [ that is not closed';
    const reversed = classRanges(pattern.slice(i + 1, close), { bangNegates: false }).ranges.find(([lo, hi]) => lo > hi);
    if (reversed) return `a range from ${reversed[0]} down to ${reversed[1]}`;
    i = close;
  }
  return null;
}

export function hasGlob(path: string): boolean {
  return /[*?[]/.test(path);
}
