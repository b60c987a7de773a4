import type { BuildArg, BuildEvent, ScriptEvent } from '../analyse/events.js';
import { mergedFileFrom } from './merged-file-path.js';
import { shellQuote } from './script.js';
import { MigrateError } from '../errors.js';
import type { Makefile } from '../parse/makefile/parse-makefile.js';
import type { ShellScript } from '../parse/shell/ast.js';
import type { Plan } from '../plan/model.js';
import { findRemovals } from './script-removal.js';
import { applyEdits, type TextEdit } from './text-edits.js';

const BUILD_VERB = /\bdocker\s+(?:image\s+|buildx\s+)?build\b/;

/**
 * The Makefile with the extraction's recipe lines gone and the builder's `--build-arg`s on
 * the final build's line, in the Makefile's own words. Every rule stays (a target that lost
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
  edits.push(...buildLineEdits(makefile, path, plan, plan.final, null, plan.addedBuildArgs));
  for (const target of plan.targets) edits.push(...buildLineEdits(makefile, path, plan, target.build, target.stageName, target.addedBuildArgs));
  return applyEdits(makefile.text, edits);
}

/** An image's recipe line: the builder's `--build-arg`s it lacks; for a target, `--target` and the merged file. */
function buildLineEdits(makefile: Makefile, path: string, plan: Plan, build: BuildEvent, stageName: string | null, args: BuildArg[]): TextEdit[] {
  const added = args.filter((arg) => !build.buildArgs.some((a) => a.name === arg.name && a.value === arg.value));
  if (added.length === 0 && stageName === null) return [];
  const line = build.site.at.line;
  const start = makefile.lineStarts[line - 1]!;
  const text = makefile.text.slice(start, makefile.lineStarts[line] ?? makefile.text.length);
  const verb = BUILD_VERB.exec(text);
  if (!verb) throw new MigrateError('this docker build is not on a recipe line of its own; not rewritten', { file: path, line });
  const builderLine = plan.builders.find((b) => b.build)?.build?.site.at.line;
  const builderText = builderLine ? lineText(makefile, builderLine) : '';
  const words = added.map((arg) => ownWords(builderText, arg) ?? `--build-arg ${arg.value === undefined ? arg.name : `${arg.name}=${arg.value}`}`);
  const edits: TextEdit[] = [];
  if (stageName !== null) {
    words.unshift(`--target ${stageName}`);
    const file = /(\s(?:-f|--file)[= ]+)(\S+)/.exec(text);
    if (!file) throw new MigrateError('this docker build names its Dockerfile in a way that is not rewritten; write -f FILE on the recipe line', { file: path, line });
    const at = start + file.index + file[1]!.length;
    edits.push({ start: at, end: at + file[2]!.length, text: shellQuote(mergedFileFrom(build, plan)) });
  }
  const at = start + verb.index + verb[0].length;
  edits.push({ start: at, end: at, text: ` ${words.join(' ')}` });
  return edits;
}

function lineText(makefile: Makefile, line: number): string {
  return makefile.text.slice(makefile.lineStarts[line - 1]!, makefile.lineStarts[line] ?? makefile.text.length);
}

/** The builder recipe's own text for an arg (`--build-arg VERSION=$(VERSION)`), unexpanded. */
function ownWords(text: string, arg: BuildArg): string | undefined {
  const match = new RegExp(`--build-arg[= ]+${arg.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(=\\S*)?(?=\\s|$)`).exec(text);
  return match?.[0];
}
