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
  regex: RegExp;
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
    rules.push({ negated, dirOnly, anchored, regex: new RegExp(`^${globToRegex(line.replace(/^\//, ''))}$`) });
  }
  return rules;
}

/** Whether the rules ignore a path (relative to their folder); undefined when none matches. */
export function ignoredBy(rules: readonly IgnoreRule[], relPath: string, isDir: boolean): boolean | undefined {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  let verdict: boolean | undefined;
  for (const rule of rules) {
    if (rule.dirOnly && !isDir) continue;
    if (rule.regex.test(rule.anchored ? relPath : name)) verdict = !rule.negated;
  }
  return verdict;
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slashAfter = glob[i + 2] === '/';
      const slashBefore = i === 0 || glob[i - 1] === '/';
      if (slashBefore && slashAfter) {
        out += '(?:.*/)?';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) out += '\\[';
      else {
        const body = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < glob.length) out += escape(glob[++i]!);
    else out += escape(c);
  }
  return out;
}

function escape(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}
