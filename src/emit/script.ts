import type { BuildArg, BuildEvent, FlagUse } from '../analyse/events.js';
import { fromBuildFolder } from './build-paths.js';
import type { ShellScript, Word } from '../parse/shell/ast.js';
import type { Plan } from '../plan/model.js';
import { needsBuildKit } from '../plan/buildkit-features.js';
import { mayTurnBuildKitOff } from '../analyse/buildkit.js';
import { buildContextFlags } from './build-context-flags.js';
import type { Removal } from './script-removal.js';
import { shellWord } from '../parse/shell/quote.js';
import { lineEdits } from './script-lines.js';
import { applyEdits, feedRemoval, startWithBlanks, type TextEdit } from './text-edits.js';
import { exportBuildEdit } from './export-stage.js';
import { MigrateError } from '../errors.js';
import { addedBuildArgTexts, addedFlagTexts } from './added-build-args.js';
import { refuseWrapped } from './wrapped-build.js';

/**
 * The reduced build script: the extraction's commands gone, the final `docker build` given the
 * `--build-arg`s only the builder had and a `--build-context` for each builder context it does
 * not hold. Every other line keeps its text.
 */
export function emitScript(script: ShellScript, removal: Removal, plan: Plan): string {
  const edits: TextEdit[] = lineEdits(script.text, removal.statements, removal.inline);
  for (const args of plan.removedOperands.values()) {
    for (const arg of args) edits.push({ start: startWithBlanks(script.text, arg.word.start), end: arg.word.end, text: '' });
  }
  const finalEdits = buildLineEdits(plan.final, null, plan.addedBuildArgs, plan.addedFlags, script, plan);
  edits.push(...finalEdits);
  if (plan.export) {
    refuseWrapped(plan.final, script, 'the build of the files used after it');
    edits.push(exportBuildEdit(plan.export, plan.final, script.text, finalEdits));
  }
  for (const target of plan.targets) edits.push(...buildLineEdits(target.build, target.stageName, target.addedBuildArgs, target.addedFlags, script, plan));
  for (const kept of plan.keptBuilders) edits.push(...buildLineEdits(kept.build, kept.stageName, [], [], script, plan));
  return applyEdits(script.text, edits);
}

/**
 * An image's build line: the builder's `--build-arg`s it lacks, and for another image's target
 * the merged file and `--target`.
 */
function buildLineEdits(build: BuildEvent, stageName: string | null, args: BuildArg[], flags: FlagUse[], script: ShellScript, plan: Plan): TextEdit[] {
  const { text } = script;
  const edits: TextEdit[] = [];
  const added = [...addedBuildArgTexts(args, build, text, plan), ...addedFlagTexts(flags, build, text, plan)];
  added.push(...buildContextFlags(plan, text, build));
  if (stageName === null && plan.taken) {
    // Its Dockerfile was the one taken out of the builder: it names the merged file now.
    if (build.dockerfileArg) edits.push(dockerfileEdit(build, build.dockerfileArg.word, text, plan));
    else added.unshift(`-f ${shellWord(fromBuildFolder(build, plan.runtime.path))}`);
  }
  if (stageName !== null) {
    // A build of CONTEXT/Dockerfile names no file: it gets the merged one.
    if (build.dockerfileArg) edits.push(dockerfileEdit(build, build.dockerfileArg.word, text, plan));
    else added.unshift(`-f ${shellWord(fromBuildFolder(build, plan.runtime.path))}`);
    const own = targetEdit(build, stageName, text);
    if (own) edits.push(own);
    else added.unshift(`--target ${stageName}`);
    if (build.stdin) edits.push(...stdinEdits(build, build.stdin, text, plan));
  }
  if (added.length > 0) {
    const at = build.verb.end;
    edits.push({ start: at, end: at, text: ` ${added.join(' ')}` });
  }
  const buildKit = buildKitEdit(build, text, plan);
  if (buildKit) {
    refuseWrapped(build, script, 'DOCKER_BUILDKIT=1');
    edits.push(buildKit);
  }
  return edits;
}

/**
 * `export DOCKER_BUILDKIT=0`, then a merged file with `COPY --chmod`: the classic builder
 * stops at it, so that build turns BuildKit on again, in its own assignment.
 */
function buildKitEdit(build: BuildEvent, text: string, plan: Plan): TextEdit | null {
  // `DOCKER_BUILDKIT=1 docker build -f Dockerfile.build`: where the builder asked for BuildKit and the final build did not, it must now.
  const builderAsked = plan.builders.some((b) => b.builds.some((bb) => bb.buildkit !== null && !mayTurnBuildKitOff(bb.buildkit)));
  const off = mayTurnBuildKitOff(build.buildkit) || (build.buildkit === null && builderAsked);
  if (!off || !needsBuildKit(plan)) return null;
  const head = text.slice(build.site.call.start, build.verb.start);
  const set = /(^|[ \t])DOCKER_BUILDKIT=(?:"[^"]*"|'[^']*'|[^\s"';&|])*/.exec(head);
  if (!set) return { start: build.site.call.start, end: build.site.call.start, text: 'DOCKER_BUILDKIT=1 ' };
  const start = build.site.call.start + set.index + set[1]!.length;
  return { start, end: start + set[0].length - set[1]!.length, text: 'DOCKER_BUILDKIT=1' };
}

/**
 * A build fed its Dockerfile on stdin now names the merged file: the feed goes, and a build
 * that had no context (`docker build -`) takes the final build's, where the file is.
 */
function stdinEdits(build: BuildEvent, stdin: NonNullable<BuildEvent['stdin']>, text: string, plan: Plan): TextEdit[] {
  const edits: TextEdit[] = [feedRemoval(text, stdin.feed.start, stdin.feed.end)];
  const context = build.contextArg?.word;
  if (stdin.noContext && context) edits.push({ start: context.start, end: context.end, text: shellWord(fromBuildFolder(build, plan.contextDir)) });
  return edits;
}

/** A build that named a stage of its own file (`--target build`) now names its stage of the merged file. */
function targetEdit(build: BuildEvent, stageName: string, text: string): TextEdit | null {
  const flag = build.flags.filter((f) => f.name === '--target').at(-1);
  if (!flag) return null;
  const last = flag.words.at(-1)!;
  const written = text.slice(last.start, last.end);
  if (flag.words.length === 2) return { start: last.start, end: last.end, text: stageName };
  if (flag.words.length === 1 && written.startsWith('--target=')) return { start: last.start, end: last.end, text: `--target=${stageName}` };
  throw new MigrateError('this docker build names its --target in a way that is not rewritten; write --target STAGE', build.site.at);
}

/** `-f worker.Dockerfile` now names the merged file, relative to where the build runs. */
function dockerfileEdit(build: BuildEvent, word: Word, text: string, plan: Plan): TextEdit {
  const written = text.slice(word.start, word.end);
  const prefix = /^(-f|--file)=/.exec(written)?.[0] ?? '';
  return { start: word.start, end: word.end, text: prefix + shellWord(fromBuildFolder(build, plan.runtime.path)) };
}

