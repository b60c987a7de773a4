import type { BuildEvent } from '../analyse/events.js';
import type { NamedContext, Plan } from '../plan/model.js';
import { shellWord } from '../parse/shell/quote.js';
import { fromBuildFolder } from './build-paths.js';

/** Each named context once, with the builder build that named its folder. */
export function namedContextsOf(plan: Plan): { context: NamedContext; build: BuildEvent }[] {
  const out = new Map<string, { context: NamedContext; build: BuildEvent }>();
  for (const builder of plan.builders) {
    if (builder.namedContext && builder.build && !out.has(builder.namedContext.name)) out.set(builder.namedContext.name, { context: builder.namedContext, build: builder.build });
  }
  return [...out.values()];
}

/**
 * `--build-context NAME=PATH` for the final build of a shell script. PATH is the builder
 * build's own word for its context (`"$SRC_DIR"`) when it means the same at the final build:
 * same folder, same scope, its variables not set again in between; else the folder written
 * out relative to where the final build runs.
 */
export function buildContextFlags(plan: Plan, text: string, final: BuildEvent = plan.final): string[] {
  return namedContextsOf(plan).map(({ context, build }) => {
    const own = ownContextWord(build, final, text);
    return `--build-context ${context.name}=${own ?? shellWord(fromBuildFolder(final, context.dir))}`;
  });
}

function ownContextWord(build: BuildEvent, final: BuildEvent, text: string): string | null {
  const arg = build.contextArg;
  if (!arg || arg.split || build.cwd !== final.cwd) return null;
  const word = text.slice(arg.word.start, arg.word.end);
  if (!word.includes('$')) return null;
  if (build.site.stack.length !== 1 || final.site.stack.length !== 1) return null;
  const between = text.slice(build.site.call.end, final.site.call.start);
  const names = [...word.matchAll(/\$\{?(\w+)/g)].map((m) => m[1]!);
  return names.some((name) => new RegExp(`(^|[\\s;&|(])${name}=`, 'm').test(between)) ? null : word;
}
