import type { BuildEvent, ScriptEvent } from '../analyse/events.js';
import { CODES, finding, type Finding } from '../warnings.js';
import type { Plan } from './model.js';

/**
 * `build_image() { docker build -t "$IMAGE:$1" -f "$2" .; }`, called for the final image and
 * for another one: the flags the final build now needs go on the line in the function, and
 * the other call gets them too. Refused where another build ran that line and gets no such
 * edit of its own.
 */
export function sharedBuildLines(plan: Plan, events: ScriptEvent[]): Finding[] {
  const edited = [
    { build: plan.final, added: plan.addedBuildArgs.length + plan.addedFlags.length },
    ...plan.targets.map((t) => ({ build: t.build, added: t.addedBuildArgs.length + t.addedFlags.length })),
  ];
  const builds = events.filter((e): e is BuildEvent => e.kind === 'build');
  const findings: Finding[] = [];
  for (const { build, added } of edited) {
    if (added === 0) continue;
    const other = builds.find((b) => b !== build && b.verb === build.verb && !edited.some((e) => e.build === b) && !plan.removed.has(b));
    if (!other) continue;
    const outer = other.site.stack[0]?.cmd;
    const through = outer?.type === 'call' && outer.args[0]?.type === 'literal' ? ` through another call of ${outer.args[0].value}` : '';
    findings.push(finding(CODES.mergedFlags, 'error', build.site.at,
      `this docker build line also builds ${other.tags[0] ?? 'another image'}${through}: the flags the final build now needs would reach that build too; not migrated (give the final image a docker build line of its own)`));
  }
  return findings;
}
