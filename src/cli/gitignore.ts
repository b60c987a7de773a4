import { charStep } from '../glob-class.js';
import { globOf, type Glob, type GlobStep } from '../glob-match.js';

/**
 * The rules of one `.gitignore`, as git reads them: `#` comments, `!` negation, a trailing `/`
 * for folders only, a `/` elsewhere anchoring the pattern to the file's folder, `*`, `?`,
 * `[...]` and `**`. Enough to skip what a repo keeps out of version control (build output,
 * vendored trees) when searching it; not a full reimplementation.
 */
export interface IgnoreRule {
  negated: boolean;
  dirOnly: boolean;
  /** Tested against the path relative to the `.gitignore`'s folder, or its last segment. */
  glob: Glob;
  anchored: boolean;
}

export function parseGitignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (let line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    line = line.replace(/(?<!\\)\s+$/, '');
    const negated = line.startsWith('!');
    if (negated) line = line.slice(1);
    if (line.startsWith('\\')) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.replace(/\/+$/, '');
    if (line === '') continue;
    const anchored = line.includes('/');
    rules.push({ negated, dirOnly, anchored, glob: globOf(globSteps(line.replace(/^\//, ''))) });
  }
  return rules;
}

/** Whether the rules ignore a path (relative to their folder); undefined when none matches. */
export function ignoredBy(rules: readonly IgnoreRule[], relPath: string, isDir: boolean): boolean | undefined {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  let verdict: boolean | undefined;
  for (const rule of rules) {
    if (rule.dirOnly && !isDir) continue;
    if (rule.glob.test(rule.anchored ? relPath : name)) verdict = !rule.negated;
  }
  return verdict;
}

/** Git's wildcards as steps: `**` between slashes crosses folders, `[!...]` negates a class. */
function globSteps(glob: string): GlobStep[] {
  const steps: GlobStep[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slashAfter = glob[i + 2] === '/';
      const slashBefore = i === 0 || glob[i - 1] === '/';
      if (slashBefore && slashAfter) {
        steps.push({ kind: 'dirs' });
        i += 2;
      } else {
        steps.push({ kind: 'any' });
        i += 1;
      }
    } else if (c === '*') steps.push({ kind: 'star' });
    else if (c === '?') steps.push({ kind: 'one', cls: null });
    else {
      const [step, last] = charStep(glob, i, { bangNegates: true });
      steps.push(step);
      i = last;
    }
  }
  return steps;
}
