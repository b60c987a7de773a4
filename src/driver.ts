import type { Trace } from './analyse/interpreter.js';
import { emitMakefile } from './emit/makefile.js';
import { emitScript } from './emit/script.js';
import { orphanedReads, type OrphanedRead } from './emit/orphaned-reads.js';
import { findRemovals, stuckEvents, type Removal } from './emit/script-removal.js';
import type { ScriptEvent } from './analyse/events.js';
import { MigrateError } from './errors.js';
import { readWithEnvironment } from './parse/makefile/environment-branches.js';
import { otherRuleCommands, otherTargetFindings, type OtherCommand } from './parse/makefile/other-rules.js';
import { parseMakefile, sourceOf, type Makefile } from './parse/makefile/parse-makefile.js';
import type { ShellScript } from './parse/shell/ast.js';
import { parseShell } from './parse/shell/parse-shell.js';
import type { Plan } from './plan/model.js';
import type { RepoSource } from './repo.js';
import type { Finding } from './warnings.js';

/**
 * The files rewritten for the plan, by repo-relative path: the driver, and files it includes
 * that change. Or, and then nothing is written: the removed commands whose text cannot go, or
 * the variables that only removed commands set and that the rest still reads.
 */
export type Emitted = { files: Map<string, string> } | { stuck: ScriptEvent[] } | { unset: OrphanedRead[] };

/** What drives the build: a shell script, or a Makefile whose recipes are read as shell. */
export interface Driver {
  /** The file's own text. */
  text: string;
  /** The shell the analysis reads, with the file's line numbers. */
  script: ShellScript;
  /** The files rewritten for the plan, or why they cannot be. */
  emit(trace: Trace, plan: Plan): Emitted;
  /** How the build is run, from the repo folder: `bash build.sh`, `make -f Makefile image`. */
  command: string[];
  /** What reading the driver found: a Makefile conditional that depends on the environment. */
  findings: Finding[];
  /** Whether a new line can follow the statement at these offsets of `script`: it has its line (or recipe line) to itself. */
  takesLineAfter(start: number, end: number): boolean;
  /** Whether the driver goes on when the command at this offset of `script` fails: a `-` recipe line. */
  ignoresFailure(start: number): boolean;
  /** Commands the analysis does not run that another entry point may: a Makefile's other rules. */
  otherCommands: OtherCommand[];
}

export function isMakefile(path: string): boolean {
  return /(^|\/)(GNUmakefile|[Mm]akefile)$|\.mk$/.test(path);
}

export function loadDriver(repo: RepoSource, path: string, makeTarget?: string): Driver {
  const text = repo.readText(path) ?? '';
  if (!isMakefile(path)) {
    const script = parseShell(text, path);
    // A here-document's body follows the line: a new line cannot go there.
    const takesLineAfter = (start: number, end: number): boolean => !script.text.slice(start, end).includes('<<') && aloneOnItsLines(script.text, start, end, /^[ \t]*$/, /^[ \t]*(#.*)?\r?$/);
    const emit = (trace: Trace, plan: Plan): Emitted => withRemoval(script, trace, plan, (removal) => new Map([[path, emitScript(script, removal, plan)]]));
    return { text, script, emit, command: ['bash', path], findings: [], takesLineAfter, ignoresFailure: () => false, otherCommands: [] };
  }
  const read = (flipped: ReadonlySet<string>): Makefile => parseMakefile(text, path, { readText: (p) => repo.readText(p), flipped });
  const { makefile, recipes, findings: reading } = readWithEnvironment(read, path, makeTarget);
  const findings = makeTarget === undefined ? [...reading, ...otherTargetFindings(makefile, recipes.target, recipes.ran)] : reading;
  const script = recipeShell(makefile, recipes.text, path);
  // Each recipe line is read as `( line )`, and a rule's last one closes its function: `( line ); }`.
  const takesLineAfter = (start: number, end: number): boolean => aloneOnItsLines(script.text, start, end, /^\( $/, /^ \)(; \})?$/);
  const emit = (trace: Trace, plan: Plan): Emitted => withRemoval(script, trace, plan, (removal) => emitMakefile(makefile, script, removal, plan));
  const tolerant = new Set(makefile.rules.flatMap((r) => r.recipe.filter((l) => l.ignoresErrors).map((l) => l.line)));
  const ignoresFailure = (start: number): boolean => tolerant.has(script.lines.line(start));
  return { text, script, emit, command: ['make', '-f', path, recipes.target], findings, takesLineAfter, ignoresFailure, otherCommands: otherRuleCommands(makefile, recipes.ran) };
}

/** What the plan removes, found in the text; the files are written only when every removed command can go, and takes nothing the rest needs. */
function withRemoval(script: ShellScript, trace: Trace, plan: Plan, write: (removal: Removal) => Map<string, string>): Emitted {
  const removal = findRemovals(script, trace.events, plan.removed, trace.handlers);
  const stuck = stuckEvents(removal, trace.events, plan.removed);
  if (stuck.length > 0) return { stuck };
  const unset = orphanedReads(script, removal);
  return unset.length > 0 ? { unset } : { files: write(removal) };
}

/** The text before the statement on its first line, and after it on its last, match these. */
function aloneOnItsLines(text: string, start: number, end: number, before: RegExp, after: RegExp): boolean {
  const lineEnd = text.indexOf('\n', end);
  return before.test(text.slice(text.lastIndexOf('\n', start - 1) + 1, start)) && after.test(text.slice(end, lineEnd < 0 ? text.length : lineEnd));
}

/** The recipes as shell, each line standing for its file and line (an included file's lines too). */
function recipeShell(makefile: Makefile, text: string, path: string): ShellScript {
  const origin = (line: number): { file: string; line: number } => {
    const found = sourceOf(makefile, line);
    return { file: found.source.path, line: found.line };
  };
  try {
    return { ...parseShell(text, path), origin };
  } catch (err) {
    if (err instanceof MigrateError && err.at) throw new MigrateError(err.reason, { ...origin(err.at.line), ...(err.at.column === undefined ? {} : { column: err.at.column }) });
    throw err;
  }
}
