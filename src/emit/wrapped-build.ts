import type { BuildEvent } from '../analyse/events.js';
import { MigrateError, type SourceLocation } from '../errors.js';
import type { CallCommand, ShellScript, Word } from '../parse/shell/ast.js';
import { partAt, partCount } from '../parse/shell/word-parts.js';

/**
 * `run docker build -t app .` with `run() { echo "+ $*"; "$@"; }`: the build's words are the
 * function's `"$@"`, shared by every call of it, and an edit there would reach the other
 * calls. The call that gave them is the outer one; null for a build run by its own words.
 */
export function wrapperCall(build: BuildEvent): CallCommand | null {
  if (!holdsExpansion(build.verb)) return null;
  const own = build.site.stack.at(-1)?.cmd;
  const outer = build.site.stack.find((s) => s.cmd !== own && s.cmd.type === 'call' && s.cmd.args[0]?.type === 'literal')?.cmd;
  return outer?.type === 'call' ? outer : null;
}

/** Where words go after `build`: its own verb, or the verb among the words of the wrapper's call. */
export function verbEnd(build: BuildEvent, script: ShellScript): number {
  const caller = wrapperCall(build);
  if (!caller) return build.verb.end;
  const verb = caller.args.find((w, i) => i > 0 && w.type === 'literal' && w.value === 'build');
  if (!verb) throw wrapped(build, caller, script, 'the flags it now needs');
  return verb.end;
}

/** A rewrite of the build's own words (`-f`, `--target`, its BuildKit setting, an export) cannot go through a wrapper. */
export function refuseWrapped(build: BuildEvent, script: ShellScript, what: string): void {
  const caller = wrapperCall(build);
  if (caller) throw wrapped(build, caller, script, what);
}

function wrapped(build: BuildEvent, caller: CallCommand, script: ShellScript, what: string): MigrateError {
  const at = lineOf(caller.start, script);
  return new MigrateError(`this docker build runs through a function that passes on its arguments ("$@" at line ${build.site.at.line}), which its other calls share: ${what} cannot be written there; run docker build by its own words here, then run the tool again`, at);
}

function lineOf(index: number, script: ShellScript): SourceLocation {
  const line = script.lines.line(index);
  return script.origin?.(line) ?? { file: script.file, line };
}

function holdsExpansion(word: Word): boolean {
  for (let i = 0; i < partCount(word); i++) {
    const part = partAt(word, i);
    if (part.type === 'double-quoted' ? part.parts.some((p) => p.type !== 'literal') : part.type !== 'literal' && part.type !== 'single-quoted') return true;
  }
  return false;
}
