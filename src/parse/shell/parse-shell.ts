import type { ShellScript } from './ast.js';
import { fastParse, TooDeep } from './fast/fast-parse.js';
import { parseWithMvdan } from './mvdan-adapter.js';
import { guardFullParser } from './full-parser-guard.js';
import { tooDeep } from './too-deep.js';

/**
 * Parses bash (a superset of the POSIX sh that build scripts use). Throws MigrateError.
 * The common subset goes through a small fast parser; the rest, and every syntax error,
 * through mvdan-sh, whose tree the fast parser reproduces exactly.
 */
export function parseShell(text: string, file: string): ShellScript {
  let script: ShellScript | null;
  try {
    script = fastParse(text, file);
  } catch (err) {
    if (err instanceof TooDeep) throw tooDeep(file);
    throw err;
  }
  if (script) return script;
  guardFullParser(text, file);
  return parseWithMvdan(text, file);
}
