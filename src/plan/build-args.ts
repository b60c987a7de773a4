import type { BuildArg, BuildEvent } from '../analyse/events.js';
import { isStatic, type ValueTable } from '../analyse/values.js';
import type { DockerfileModel } from '../parse/dockerfile/model.js';
import type { Word } from '../parse/shell/ast.js';
import { CODES, finding, type Finding } from '../warnings.js';
import { MOVED_FLAGS } from './build-flags.js';

// Docker predefines these; they reach RUN without an ARG and stay out of the image.
const PROXIES = /^(http_proxy|https_proxy|ftp_proxy|no_proxy|all_proxy)$/i;

export interface BuildArgMerge {
  added: BuildArg[];
  findings: Finding[];
}

/**
 * One `docker build` now passes every `--build-arg` to every stage. Builder-only args move to
 * the final build; an arg that would reach a stage with another value than before is an error.
 */
export function mergeBuildArgs(
  builders: { build: BuildEvent; dockerfile: DockerfileModel }[],
  final: BuildEvent,
  runtime: DockerfileModel,
  values: ValueTable,
): BuildArgMerge {
  const out: BuildArgMerge = { added: [], findings: [] };
  const finalArgs = new Map(final.buildArgs.map((a) => [a.name, a]));
  const lastFinal = [...finalArgs.values()];
  for (const { build, dockerfile } of builders) {
    // Docker takes the last --build-arg of a name.
    const builderArgs = new Map(build.buildArgs.map((a) => [a.name, a]));
    for (const arg of builderArgs.values()) {
      const other = finalArgs.get(arg.name);
      if (other) {
        if (other.value !== arg.value && !PROXIES.test(arg.name)) out.findings.push(conflict(arg, build, values, 'the final build passes another value'));
        continue;
      }
      if (!PROXIES.test(arg.name) && mayDeclare(runtime, arg.name)) {
        const why = isStatic(arg.name) ? `${runtime.path} declares ARG ${arg.name} too` : `its name is only known when the script runs, and ${runtime.path} declares ARGs it may name`;
        out.findings.push(conflict(arg, build, values, `${why}, and would now get this value`));
      }
      const added = out.added.find((a) => a.name === arg.name);
      if (!added) out.added.push(arg);
      else if (added.value !== arg.value && !PROXIES.test(arg.name)) out.findings.push(conflict(arg, build, values, `another builder build passes ${shownArg(added, values)}, and one build passes one value to every stage`));
    }
    for (const arg of lastFinal) {
      if (!builderArgs.has(arg.name) && !PROXIES.test(arg.name) && mayDeclare(dockerfile, arg.name)) {
        out.findings.push(
          finding(CODES.buildArgConflict, 'error', final.site.at,
            `--build-arg ${values.describe(arg.name)} of the final build would now also reach ${dockerfile.path}, which ${declared(arg.name, values)} and was built without it`),
        );
      }
    }
  }
  // `--build-arg CMD=server` for one builder: another that declares CMD, built without it, would get it too.
  for (const { build, dockerfile } of builders) {
    for (const arg of out.added) {
      if (!build.buildArgs.some((a) => a.name === arg.name) && !PROXIES.test(arg.name) && mayDeclare(dockerfile, arg.name)) {
        out.findings.push(finding(CODES.buildArgConflict, 'error', build.site.at,
          `this builder build passes no --build-arg ${values.describe(arg.name)}, and ${dockerfile.path} ${declared(arg.name, values)}: it would now get ${shownArg(arg, values)} from another builder's build`));
      }
    }
  }
  return out;
}

function shownArg(arg: BuildArg, values: ValueTable): string {
  const name = values.describe(arg.name);
  return arg.value === undefined ? name : `${name}=${values.describe(arg.value)}`;
}

function conflict(arg: BuildArg, build: BuildEvent, values: ValueTable, why: string): Finding {
  return finding(CODES.buildArgConflict, 'error', build.site.at, `--build-arg ${shownArg(arg, values)} of the builder build: ${why}`);
}

/** Whether the file declares ARG `name`; for a name only known when the script runs (`--build-arg "$KV"`), whether it declares any. */
function mayDeclare(dockerfile: DockerfileModel, name: string): boolean {
  const known = isStatic(name);
  return dockerfile.instructions.some((i) => i.keyword === 'ARG' && (!known || i.args.some((a) => a.value.split('=')[0] === name)));
}

function declared(name: string, values: ValueTable): string {
  return isStatic(name) ? `declares ARG ${name}` : `declares ARGs that ${values.describe(name)}, only known when the script runs, may name`;
}

/**
 * `build_args=(--pull --build-arg V=1)`, then `docker build "${build_args[@]}" ...`: a word that
 * holds more than the flags the final build gains (or the context) cannot be passed to it for
 * those; they are written by value there.
 */
export function sharesWordWithOtherFlags(arg: { words: Word[] }, from: BuildEvent): boolean {
  const passed = (name: string): boolean => name === '--build-arg' || MOVED_FLAGS.has(name);
  return arg.words.some((w) => from.contextArg?.word === w || from.dockerfileArg?.word === w || from.flags.some((f) => !passed(f.name) && f.words.includes(w)));
}
