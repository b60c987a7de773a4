import type { BuildArg, BuildEvent, FlagUse } from '../analyse/events.js';
import { MigrateError, type SourceLocation } from '../errors.js';
import { sourceOf, type Makefile, type MakeSource } from '../parse/makefile/parse-makefile.js';
import { expandMake } from '../parse/makefile/expand-make.js';
import { withoutComment } from '../parse/makefile/recipe-script.js';
import { fromBuildFolder } from './build-paths.js';
import type { ShellScript } from '../parse/shell/ast.js';
import type { ExportPlan, Plan } from '../plan/model.js';
import { exportFlags, NOT_FOR_EXPORT, withBuildKit } from './export-stage.js';
import { namedContextsOf } from './build-context-flags.js';
import type { Removal } from './script-removal.js';
import { shellWord } from '../parse/shell/quote.js';
import { isStatic } from '../analyse/values.js';
import { applyEdits, feedRemoval, type TextEdit } from './text-edits.js';

/** `docker build`, `podman build`, `$(DOCKER) build`, `${CONTAINER_ENGINE} buildx build`: the engine by name or by a make variable. */
const BUILD_VERB = /(?:\b(?:docker|podman)|\$[({][A-Za-z_][A-Za-z0-9_]*[)}])\s+(?:image\s+|buildx\s+)?build\b/;

/**
 * The Makefile (and each file it includes whose recipe lines change) with the extraction's
 * recipe lines gone, and on each image's build line the builder's `--build-arg`s (and a
 * `--build-context` for a builder context the final one does not hold), in the files' own
 * words. Every rule, conditional and other line stays: a target that lost its recipe still
 * exists for the targets that depend on it. Keyed by repo-relative path.
 */
export function emitMakefile(makefile: Makefile, script: ShellScript, removal: Removal, plan: Plan): Map<string, string> {
  if (removal.inline.length > 0) {
    const line = script.text.slice(0, removal.inline[0]!.start).split('\n').length;
    throw new MigrateError('a recipe line that is only partly about the extraction is not rewritten yet; split it into lines of its own', locate(makefile, line));
  }
  const recipeLines = programRecipeLines(makefile);
  const deleted = new Set<number>();
  const covered = lineCoverage(script.text, removal.statements);
  for (const stmt of removal.statements) {
    // A rule (a function here) keeps its header line; its recipe lines go, and nothing between them.
    const first = script.lines.line(stmt.start);
    const from = stmt.cmd.type === 'function' ? first + 1 : first;
    // `bin/app: ; docker build ...`: the recipe shares the rule's line, whether the rule goes whole or not.
    const inline = makefile.rules.some((r) => r.line === first && r.recipe[0]?.line === r.line);
    if (inline || (stmt.cmd.type !== 'function' && makefile.rules.some((r) => r.line === first))) {
      throw new MigrateError('a recipe after `;` on the rule\'s own line is not rewritten; move it to a recipe line of its own', locate(makefile, first));
    }
    for (let line = from; line <= script.lines.endLine(stmt.start, stmt.end); line++) {
      if (!recipeLines.has(line)) continue;
      const coverage = covered(line);
      // `$(MAKE) image` runs the rules it names; a rule that lost its recipe still runs the others.
      if (coverage === 'sub-make') continue;
      if (coverage === 'partial') throw new MigrateError('a recipe line that is only partly about the extraction is not rewritten yet; split it into lines of its own', locate(makefile, line));
      deleted.add(line);
    }
  }
  const edits = new Map<MakeSource, TextEdit[]>([[makefile.sources[0]!, []]]);
  const editsOf = (source: MakeSource): TextEdit[] => edits.get(source) ?? edits.set(source, []).get(source)!;
  for (const line of deleted) {
    const { source, line: own } = sourceOf(makefile, line);
    editsOf(source).push({ start: source.lineStarts[own - 1]!, end: source.lineStarts[own] ?? source.text.length, text: '' });
  }
  for (const [build, stageName, args, flags] of [[plan.final, null, plan.addedBuildArgs, plan.addedFlags] as const, ...plan.targets.map((t) => [t.build, t.stageName, t.addedBuildArgs, t.addedFlags] as const), ...plan.keptBuilders.map((k) => [k.build, k.stageName, [], []] as const)]) {
    const line = buildLineEdits(makefile, plan, build, stageName, args, flags, script.text);
    if (line) editsOf(line[0]).push(...line[1]);
  }
  if (plan.export) {
    const [source, edit] = exportLine(makefile, plan, plan.export, edits.get(sourceAt(makefile, plan.final.site.at)) ?? []);
    editsOf(source).push(edit);
  }
  return textsAfter(makefile, edits);
}

/** The flags of the final build's recipe line that the export's build must not have, as written there. */
const DROPPED = new RegExp(`[ \\t]+(?:(?:${NOT_FOR_EXPORT.valued.join('|')})(?:=|[ \\t]+)\\S+|(?:${NOT_FOR_EXPORT.bare.join('|')})(?:=\\S+)?(?=\\s|$))`, 'g');

/**
 * The recipe line after the final build that writes the exported files to the host: the final
 * build's own line, in the Makefile's words, with the edits the migration made to it, less its
 * comment, tags, outputs and cache flags, building the export stage into the folder it runs in.
 */
function exportLine(makefile: Makefile, plan: Plan, exported: ExportPlan, finalEdits: TextEdit[]): [MakeSource, TextEdit] {
  const at = plan.final.site.at;
  const [source, text, start] = lineAt(makefile, at);
  const line = text.replace(/\r?\n$/, '');
  if (/\\$/.test(line)) throw new MigrateError('this docker build goes on over several recipe lines: the export line after it is not written yet; join them', { file: at.file, line: at.line });
  const own = finalEdits.filter((e) => e.start >= start && e.end <= start + line.length).map((e) => ({ ...e, start: e.start - start, end: e.end - start }));
  const command = withoutComment(applyEdits(line, own)).replace(DROPPED, '');
  const verb = BUILD_VERB.exec(command);
  if (!verb) throw unwritten(at);
  const end = verb.index + verb[0].length;
  const eol = text.endsWith('\r\n') ? '\r\n' : '\n';
  const written = `${withBuildKit(command.slice(0, end), plan.final.buildkit)} ${exportFlags(exported)}${command.slice(end)}`;
  const after = start + text.length;
  return [source, { start: after, end: after, text: text.endsWith('\n') ? `${written}${eol}` : `${eol}${written}` }];
}

/** A recipe line whose `docker build` comes from elsewhere (`$(call build,app)`, `$(BUILD_CMD)`). */
function unwritten(at: SourceLocation): MigrateError {
  return new MigrateError('this recipe line does not spell out the docker build it runs (it comes from a variable or a function): its flags are not rewritten; write docker build, or $(DOCKER) build, on the line', { file: at.file, line: at.line });
}

function sourceAt(makefile: Makefile, at: SourceLocation): MakeSource {
  return lineAt(makefile, at)[0];
}

function textsAfter(makefile: Makefile, edits: Map<MakeSource, TextEdit[]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [source, list] of edits) {
    // One edit to the file would change every place make reads it.
    if (list.length > 0 && makefile.sources.filter((s) => s.path === source.path).length > 1) {
      throw new MigrateError(`${source.path} is read more than once and its recipe lines would change; not rewritten`, { file: source.path, line: sourceLine(source, list[0]!.start) });
    }
    out.set(source.path, applyEdits(source.text, list));
  }
  return out;
}

/**
 * What the removed statements leave of a line of the recipe script: nothing but the subshell
 * and function that wrap each recipe line (`all`), calls of other rules that a sub-make line
 * runs (`sub-make`), or commands (`partial`).
 */
function lineCoverage(text: string, removed: readonly { start: number; end: number }[]): (line: number) => 'all' | 'sub-make' | 'partial' {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (line) => {
    const from = starts[line - 1] ?? text.length;
    const to = (starts[line] ?? text.length + 1) - 1;
    let rest = '';
    for (let i = from; i < to; i++) if (!removed.some((r) => r.start <= i && i < r.end)) rest += text[i];
    const left = rest.replace(/^make_rule_\d+\(\)\s*\{/, '').replace(/[\s();{}]/g, '');
    if (left === '') return 'all';
    return /^(make_rule_\d+)+$/.test(left) ? 'sub-make' : 'partial';
  };
}

/** Program lines that hold recipe text (not the conditionals and comments between them). */
function programRecipeLines(makefile: Makefile): Set<number> {
  const lines = new Set<number>();
  for (const rule of makefile.rules) {
    for (const recipe of rule.recipe) {
      for (let line = recipe.line; line <= recipe.endLine; line++) lines.add(line);
    }
  }
  return lines;
}

/** An image's recipe line: the builder's `--build-arg`s it lacks; for a target, `--target` and the merged file. */
function buildLineEdits(makefile: Makefile, plan: Plan, build: BuildEvent, stageName: string | null, args: readonly BuildArg[], flags: readonly FlagUse[], scriptText: string): [MakeSource, TextEdit[]] | null {
  const added = args.filter((arg) => !build.buildArgs.some((a) => a.name === arg.name && a.value === arg.value));
  const contexts = namedContextsOf(plan).map(({ context, build: from }) => `--build-context ${context.name}=${ownContextToken(makefile, from, build, scriptText) ?? shellWord(fromBuildFolder(build, context.dir))}`);
  const namesMerged = stageName !== null || plan.taken !== undefined;
  if (added.length === 0 && flags.length === 0 && contexts.length === 0 && !namesMerged) return null;
  const at = build.site.at;
  const [source, text, start] = lineAt(makefile, at);
  const verb = BUILD_VERB.exec(text);
  if (!verb) throw unwritten(at);
  const builderAt = plan.builders.find((b) => b.build)?.build?.site.at;
  const builderText = builderAt ? lineAt(makefile, builderAt)[1] : '';
  const words = [...added.map((arg) => ownWords(builderText, arg) ?? writtenArg(arg, at)), ...flags.map((flag) => writtenFlag(flag, at))];
  const edits: TextEdit[] = [];
  if (stageName !== null) {
    const target = /(\s--target[= ]+)(\S+)/.exec(text);
    if (target) {
      const targetAt = start + target.index + target[1]!.length;
      edits.push({ start: targetAt, end: targetAt + target[2]!.length, text: stageName });
    } else words.unshift(`--target ${stageName}`);
    if (build.stdin?.noContext) throw new MigrateError('this docker build reads its Dockerfile from stdin with no context (docker build -), which is not rewritten in a Makefile; write -f FILE and a context on the recipe line', { file: at.file, line: at.line });
  }
  if (namesMerged) {
    const file = /(\s(?:-f|--file)[= ]+)(\S+)/.exec(text);
    const merged = shellWord(fromBuildFolder(build, plan.runtime.path));
    // The final build of a Dockerfile taken out of the builder (`docker build ctx`) names none.
    if (!file && stageName === null) words.unshift(`-f ${merged}`);
    else if (!file) throw new MigrateError('this docker build names its Dockerfile in a way that is not rewritten; write -f FILE on the recipe line', { file: at.file, line: at.line });
    else edits.push({ start: start + file.index + file[1]!.length, end: start + file.index + file[0].length, text: merged });
    if (stageName !== null && build.stdin) edits.push(stdinFeedEdit(build.stdin, text, start, scriptText, at));
  }
  words.push(...contexts);
  const offset = start + verb.index + verb[0].length;
  if (words.length > 0) edits.push({ start: offset, end: offset, text: ` ${words.join(' ')}` });
  return [source, edits];
}

/**
 * `docker build -f - . < Dockerfile.build` in a recipe now names the merged file: the feed
 * (`< Dockerfile.build`, `cat Dockerfile.build | `) goes, found on the line as the shell read it.
 */
function stdinFeedEdit(stdin: NonNullable<BuildEvent['stdin']>, text: string, start: number, scriptText: string, at: SourceLocation): TextEdit {
  const where = { file: at.file, line: at.line };
  const feed = scriptText.slice(stdin.feed.start, stdin.feed.end);
  const index = text.indexOf(feed);
  if (index < 0 || text.indexOf(feed, index + 1) >= 0) throw new MigrateError(`this docker build reads its Dockerfile from stdin (${feed.trim()}), which is not rewritten here; write -f FILE on the recipe line`, where);
  const removal = feedRemoval(text, index, index + feed.length);
  return { ...removal, start: start + removal.start, end: start + removal.end };
}

/** The source, text and start of a `file:line` the analysis reported. */
function lineAt(makefile: Makefile, at: SourceLocation): [MakeSource, string, number] {
  const source = makefile.sources.find((s) => s.path === at.file) ?? makefile.sources[0]!;
  const start = source.lineStarts[at.line - 1] ?? source.text.length;
  return [source, source.text.slice(start, source.lineStarts[at.line] ?? source.text.length), start];
}

function locate(makefile: Makefile, line: number): SourceLocation {
  const { source, line: own } = sourceOf(makefile, line);
  return { file: source.path, line: own };
}

function sourceLine(source: MakeSource, index: number): number {
  return source.text.slice(0, index).split('\n').length;
}

/**
 * The builder recipe's own text for an arg, unexpanded and quoted as written:
 * `--build-arg VERSION=$(VERSION)`, `--build-arg "LDFLAGS=$(LDFLAGS)"`, `--build-arg V="$(V)"`.
 */
function ownWords(text: string, arg: BuildArg): string | undefined {
  const name = arg.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const word = `"${name}(?:=[^"]*)?"|'${name}(?:=[^']*)?'|${name}(?:=(?:"[^"]*"|'[^']*'|[^\\s"'])*)?`;
  return new RegExp(`--build-arg[= ]+(?:${word})(?=\\s|$)`).exec(text)?.[0];
}

/** An arg the recipe line does not spell out the same way: its value, quoted for the shell, when known. */
function writtenArg(arg: BuildArg, at: SourceLocation): string {
  if (arg.value !== undefined && !isStatic(arg.value)) {
    throw new MigrateError(`--build-arg ${arg.name} of the builder build is only known when make runs and is not written on the final build; write it as --build-arg ${arg.name}=$(VAR) on the builder's recipe line`, { file: at.file, line: at.line });
  }
  return `--build-arg ${shellWord(arg.value === undefined ? arg.name : `${arg.name}=${arg.value}`)}`;
}

/** `--network host` of the builder's recipe line, written out on the final one. */
function writtenFlag(flag: FlagUse, at: SourceLocation): string {
  if (flag.value === null || !isStatic(flag.value)) {
    throw new MigrateError(`${flag.name} of the builder build is only known when make runs and is not written on the final build; write it on the final build's recipe line too`, { file: at.file, line: at.line });
  }
  return `${flag.name} ${shellWord(flag.value)}`;
}

/**
 * The builder recipe's own token for its context (`$(SRC_DIR)`), when it names a make
 * variable and the final build runs in the same folder; the Makefile's variables are the same
 * on every recipe line.
 */
function ownContextToken(makefile: Makefile, build: BuildEvent, final: BuildEvent, scriptText: string): string | null {
  const arg = build.contextArg;
  if (!arg || arg.split || build.cwd !== final.cwd) return null;
  const expanded = scriptText.slice(arg.word.start, arg.word.end);
  const tokens = lineAt(makefile, build.site.at)[1].trim().split(/\s+/);
  const own = tokens.filter((t) => t.includes('$') && expandMake(t, makefile, {}) === expanded);
  return own.length === 1 ? own[0]! : null;
}
