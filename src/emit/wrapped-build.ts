import type { BuildEvent } from '../analyse/events.js';
import { MigrateError } from '../errors.js';
import type { ShellScript } from '../parse/shell/ast.js';

/**
 * `run docker build -t app .` with `run() { echo "+ $*"; "$@"; }`: the build ran as the
 * function's `"$@"`, and its words are the calling line's. Edits of those words go there; an
 * edit of the command around them (a `DOCKER_BUILDKIT=1` before it, the export's copy of the
 * line) would land in the function, which its other calls share.
 */
export function runsThroughWrapper(build: BuildEvent): boolean {
  const call = build.site.call;
  return build.verb.start < call.start || build.verb.end > call.end;
}

/** Such an edit is refused, at the calling line. */
export function refuseWrapped(build: BuildEvent, script: ShellScript, what: string): void {
  if (!runsThroughWrapper(build)) return;
  const line = script.lines.line(build.site.call.start);
  const inWrapper = script.origin?.(line).line ?? line;
  throw new MigrateError(`this docker build runs through a function that passes on its arguments ("$@" at line ${inWrapper}), which its other calls share: ${what} cannot be written there; run docker build by its own words here, then run the tool again`, build.site.at);
}
