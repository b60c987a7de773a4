import { finding, type Finding } from '../warnings.js';
import type { IgnoreRule } from './dockerignore.js';

const SHOWN = 5;

/** The last rule that decides whether a path is left out. */
export function decidingRule(rules: IgnoreRule[], path: string): IgnoreRule | undefined {
  const parents = path.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
  return rules.filter((r) => parents.some((p) => r.glob.test(p))).at(-1);
}

/** Files grouped by the ignore rule (file:line) that decides them. */
export class RuleGroups {
  private readonly byRule = new Map<string, { file: string; line: number; how: string; paths: string[] }>();

  add(file: string, rule: IgnoreRule, path: string, how: string): void {
    const key = `${file}:${rule.line}:${how}`;
    const group = this.byRule.get(key) ?? { file, line: rule.line, how, paths: [] };
    group.paths.push(path);
    this.byRule.set(key, group);
  }

  /** `message` gets the files as listed, how the rule decides them, and whether they are more than one. */
  findings(message: (files: string, how: string, several: boolean) => string, severity: 'error' | 'warning', code: string): Finding[] {
    return [...this.byRule.values()].map((g) => {
      const files = g.paths.slice(0, SHOWN).join(', ') + (g.paths.length > SHOWN ? ` and ${g.paths.length - SHOWN} more` : '');
      return finding(code, severity, { file: g.file, line: g.line }, message(files, g.how, g.paths.length > 1));
    });
  }
}
