import { posix } from 'node:path';
import { MigrateError } from '../errors.js';
import { badIgnorePattern, compileGlob, type Glob } from './glob.js';

export interface IgnoreRule {
  pattern: string;
  negated: boolean;
  glob: Glob;
  /** 1-based line in the ignore file. */
  line: number;
}

/**
 * Reads a .dockerignore the way Docker does (moby/patternmatcher): comments, `!`, `**`. A
 * pattern that stops docker build is an error at its line: the legacy build did not run.
 */
export function parseDockerignore(text: string, path: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const negated = line.startsWith('!');
    if (negated) line = line.slice(1).trim();
    const bad = negated && line === '' ? 'a ! with no pattern' : badIgnorePattern(line);
    if (bad) throw new MigrateError(`${raw.trim()}: ${bad}; docker build stops on this pattern`, { file: path, line: i + 1 });
    const pattern = posix.normalize(line).replace(/^\/+/, '').replace(/\/+$/, '');
    if (pattern === '' || pattern === '.') return;
    rules.push({ pattern, negated, glob: compileGlob(pattern, { doubleStar: true }), line: i + 1 });
  });
  return rules;
}

/** Whether the context leaves out a context-relative path (a folder's rule covers what is in it). */
export function isIgnored(rules: IgnoreRule[], path: string): boolean {
  let ignored = false;
  const parents = path.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
  for (const rule of rules) if (parents.some((p) => rule.glob.test(p))) ignored = !rule.negated;
  return ignored;
}

/**
 * The rules that may leave out something inside `folder` (context-relative): the legacy COPY
 * of an extracted folder skipped those files, COPY --from would not.
 */
export function rulesReachingInto(rules: IgnoreRule[], folder: string): IgnoreRule[] {
  return rules.filter((rule) => {
    if (rule.negated) return false;
    if (rule.pattern.startsWith('**')) return true;
    const fixed = rule.pattern.split('/');
    const parts = folder.split('/');
    // `build/**/*.map` reaches every folder below `build`.
    const deep = fixed.indexOf('**');
    if (deep >= 0) {
      const head = fixed.slice(0, Math.min(deep, parts.length)).join('/');
      return compileGlob(head, { doubleStar: true }).test(parts.slice(0, Math.min(deep, parts.length)).join('/'));
    }
    // The rule reaches into the folder when its first segments can match the folder's path.
    if (fixed.length <= parts.length) return false;
    const head = fixed.slice(0, parts.length).join('/');
    return compileGlob(head, { doubleStar: true }).test(folder);
  });
}
