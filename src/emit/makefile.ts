import type { BuildArg, BuildEvent, ScriptEvent } from '../analyse/events.js';
import { MigrateError } from '../errors.js';
import { expandMake } from '../parse/makefile/expand-make.js';
import type { Makefile } from '../parse/makefile/parse-makefile.js';
import type { ShellScript } from '../parse/shell/ast.js';
import type { Plan } from '../plan/model.js';
import { namedContextsOf } from './build-context-flags.js';
import { findRemovals } from './script-removal.js';
import { shellQuote } from './shell-quote.js';
import { applyEdits, type TextEdit } from './text-edits.js';

const BUILD_VERB = /\bdocker\s+(?:image\s+|buildx\s+)?build\b/;

/**
 * The Makefile with the extraction's recipe lines gone and the builder's `--build-arg`s (and a
 * `--build-context` for a builder context the final one does not hold) on the final build's
 * line, in the Makefile's own words. Every rule stays (a target that lost
 * its recipe still exists for the targets that depend on it); everything else keeps its text.
 */
export function emitMakefile(makefile: Makefile, path: string, script: ShellScript, events: ScriptEvent[], plan: Plan): string {
  const removal = findRemovals(script, events, plan.removed);
  if (removal.inline.length > 0) {
    const line = script.text.slice(0, removal.inline[0]!.start).split('\n').length;
    throw new MigrateError('a recipe line that is only partly about the extraction is not rewritten yet; split it into lines of its own', { file: path, line });
  }
  const edits: TextEdit[] = [];
  const deleted = new Set<number>();
  for (const stmt of removal.statements) {
    // A rule (a function here) keeps its header line; its recipe lines go.
    const from = stmt.cmd.type === 'function' ? stmt.span.line + 1 : stmt.span.line;
    for (let line = from; line <= stmt.span.endLine && line <= makefile.lineStarts.length; line++) deleted.add(line);
  }
  for (const line of deleted) edits.push({ start: makefile.lineStarts[line - 1]!, end: makefile.lineStarts[line] ?? makefile.text.length, text: '' });
  const added = plan.addedBuildArgs.filter((arg) => !plan.final.buildArgs.some((a) => a.name === arg.name && a.value === arg.value));
  const contexts = namedContextsOf(plan).map(({ context, build }) => `--build-context ${context.name}=${ownContextToken(makefile, build, plan, script.text) ?? shellQuote(context.path)}`);
  if (added.length > 0 || contexts.length > 0) edits.push(buildArgEdit(makefile, path, plan, added, contexts));
  return applyEdits(makefile.text, edits);
}

function buildArgEdit(makefile: Makefile, path: string, plan: Plan, added: BuildArg[], contexts: string[]): TextEdit {
  const line = plan.final.site.at.line;
  const start = makefile.lineStarts[line - 1]!;
  const text = makefile.text.slice(start, makefile.lineStarts[line] ?? makefile.text.length);
  const verb = BUILD_VERB.exec(text);
  if (!verb) throw new MigrateError('the final docker build is not on a recipe line of its own; not rewritten', { file: path, line });
  const builderLine = plan.builders.find((b) => b.build)?.build?.site.at.line;
  const builderText = builderLine ? lineText(makefile, builderLine) : '';
  const words = added.map((arg) => ownWords(builderText, arg) ?? `--build-arg ${arg.value === undefined ? arg.name : `${arg.name}=${arg.value}`}`);
  words.push(...contexts);
  const at = start + verb.index + verb[0].length;
  return { start: at, end: at, text: ` ${words.join(' ')}` };
}

function lineText(makefile: Makefile, line: number): string {
  return makefile.text.slice(makefile.lineStarts[line - 1]!, makefile.lineStarts[line] ?? makefile.text.length);
}

/** The builder recipe's own text for an arg (`--build-arg VERSION=$(VERSION)`), unexpanded. */
function ownWords(text: string, arg: BuildArg): string | undefined {
  const match = new RegExp(`--build-arg[= ]+${arg.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(=\\S*)?(?=\\s|$)`).exec(text);
  return match?.[0];
}

/**
 * The builder recipe's own token for its context (`$(SRC_DIR)`), when it names a make
 * variable and the final build runs in the same folder; the Makefile's variables are the same
 * on every recipe line.
 */
function ownContextToken(makefile: Makefile, build: BuildEvent, plan: Plan, scriptText: string): string | null {
  const arg = build.contextArg;
  if (!arg || arg.split || build.cwd !== plan.final.cwd) return null;
  const expanded = scriptText.slice(arg.word.span.start, arg.word.span.end);
  const tokens = lineText(makefile, build.site.at.line).trim().split(/\s+/);
  const own = tokens.filter((t) => t.includes('$') && expandMake(t, makefile, {}) === expanded);
  return own.length === 1 ? own[0]! : null;
}
