import type { BuildArg, BuildEvent, FlagUse } from '../analyse/events.js';
import type { VarValue } from '../analyse/shell-state.js';
import { isStatic } from '../analyse/values.js';
import { MigrateError } from '../errors.js';
import { shellWord } from '../parse/shell/quote.js';
import { sharesWordWithOtherFlags } from '../plan/build-args.js';
import type { Plan } from '../plan/model.js';

/**
 * What a build line gets for the builder's `--build-arg`s it lacks, each once: the words of
 * `"${build_args[@]}"` hold every arg of the array, and are passed once for all of them.
 */
export function addedBuildArgTexts(args: BuildArg[], build: BuildEvent, text: string, plan: Plan): string[] {
  const texts = args
    .filter((arg) => !build.buildArgs.some((a) => a.name === arg.name && a.value === arg.value))
    .map((arg) => buildArgText(arg, text, plan, build));
  return [...new Set(texts)];
}

/** What a build line gets for the builder's `--network`, `--secret`, ... it lacks: the same, each once. */
export function addedFlagTexts(flags: FlagUse[], build: BuildEvent, text: string, plan: Plan): string[] {
  return [...new Set(flags.map((flag) => flagText(flag, text, plan, build)))];
}

function flagText(flag: FlagUse, text: string, plan: Plan, build: BuildEvent): string {
  const words = flag.words.map((w) => text.slice(w.start, w.end)).join(' ');
  const builderBuild = plan.builders.find((b) => b.build?.flags.includes(flag))?.build ?? undefined;
  if (!builderBuild) return words;
  // `--secret id=npmrc,src=.npmrc`: a file named from the folder the builder build ran in.
  if (builderBuild.cwd !== build.cwd && /(^|,)(src|source)=(?![/$])/.test(flag.value ?? '')) {
    throw new MigrateError(`${words} names a file from the folder the builder build ran in, and the final docker build (line ${build.site.at.line}) runs in another; name it from the repo root or by an absolute path, then run the tool again`, builderBuild.site.at);
  }
  const changed = changedVariable(words, builderBuild, build);
  if (changed === undefined && !sharesWordWithOtherFlags(flag, builderBuild)) return words;
  if (flag.value !== null && isStatic(flag.value) && !flag.defaulted) return `${flag.name} ${shellWord(flag.value)}`;
  throw new MigrateError(`${words} of the builder build ${flag.defaulted ? 'takes a default the caller may override' : 'is only known when the script runs'}${changed === undefined ? ', in a word that holds other flags too' : `, and $${changed} is not at the final docker build (line ${build.site.at.line}) what it was there`}: pass it on the final build by hand, or in a variable of its own, then run the tool again`, builderBuild.site.at);
}

/**
 * The user's own words for a builder's `--build-arg`, when they mean the same at the final
 * build: each variable they name has the value it had at the builder's build. Otherwise the
 * value, written out, when it is known.
 */
function buildArgText(arg: BuildArg, text: string, plan: Plan, build: BuildEvent): string {
  const words = arg.words.map((w) => text.slice(w.start, w.end)).join(' ');
  const builderBuild = plan.builders.find((b) => b.build?.buildArgs.includes(arg))?.build ?? undefined;
  const changed = builderBuild ? changedVariable(words, builderBuild, build) : undefined;
  const shared = builderBuild !== undefined && (sharesWordWithOtherFlags(arg, builderBuild) || arg.fromPrefix === true);
  if (changed === undefined && !shared) return words;
  const value = arg.value === undefined ? arg.name : `${arg.name}=${arg.value}`;
  if (isStatic(value) && !arg.defaulted) return `--build-arg ${shellWord(value)}`;
  const where = `line ${builderBuild!.site.at.line}`;
  if (arg.fromPrefix) {
    throw new MigrateError(`--build-arg ${arg.name} takes the value that ${arg.name}=... in front of the builder build gives it, which the final docker build (line ${build.site.at.line}) does not have, and that value is only known when the script runs (or may be set by its caller): write --build-arg ${arg.name}="$${arg.name}" after setting it, then run the tool again`, builderBuild!.site.at);
  }
  if (changed === undefined) {
    throw new MigrateError(`${words} holds other flags of the builder build too, and --build-arg ${arg.name} in it is only known when the script runs: it cannot go to the final docker build (line ${build.site.at.line}) alone; pass --build-arg ${arg.name} as words of their own, then run the tool again`, builderBuild!.site.at);
  }
  throw new MigrateError(`${words} names $${changed}, which at the final docker build (line ${build.site.at.line}) is not what it was at the builder's (${where}): a function's argument or local, or set again in between; its value is only known when the script runs; keep it in a variable of its own before the builder build and pass that, then run the tool again`, builderBuild!.site.at);
}

/** The first variable the words name whose value differs between the two builds. */
function changedVariable(words: string, from: BuildEvent, to: BuildEvent): string | undefined {
  const same = (a: VarValue | undefined, b: VarValue | undefined): boolean => (Array.isArray(a) && Array.isArray(b) ? a.join('\0') === b.join('\0') : a === b);
  for (const [, name] of words.matchAll(/\$\{?([0-9@*#]|[A-Za-z_]\w*)/g)) {
    if (!same(from.variableAt?.(name!), to.variableAt?.(name!))) return name;
  }
  return undefined;
}
