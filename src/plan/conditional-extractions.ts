import { commandName } from '../analyse/command-name.js';
import type { CopyOutEvent, ScriptEvent, Site } from '../analyse/events.js';
import { CODES, finding, type Finding } from '../warnings.js';
import type { Plan } from './model.js';
import { runsWhenever } from './site-order.js';

/**
 * `if [ ! -f bin/app ]; then docker build ...; docker cp ...; fi`, then the final build: the
 * builder ran only in some runs (an up-to-date check, say), and the host's older file went into
 * the image in the others. The merged build builds the builder stage every time.
 */
export function conditionalExtractions(plan: Plan, events: ScriptEvent[]): Finding[] {
  const copies = events.filter((e): e is CopyOutEvent => e.kind === 'copy-out' && plan.removed.has(e));
  // `case "$1" in compile) ...;; image) docker build ...;; esac`: one branch extracts, another builds.
  // A loop over known words, an `if` condition, a `make && docker cp`: the interpreter saw them run each time.
  const someRuns = (site: Site): boolean => site.conditional && !runsWhenever(site, plan.final.site);
  // Copies to one path in two branches (`if ...; then` one builder `else` another): one of them always ran.
  const alone = (copy: CopyOutEvent): boolean => copies.filter((c) => c.dest === copy.dest).length === 1;
  // `docker pull b || docker build -t b ...`, `[[ $REBUILD == 1 ]] && docker build ...`: a builder built only in some runs.
  const build = plan.builders.flatMap((b) => (b.builds.length === 1 && plan.removed.has(b.builds[0]!) && someRuns(b.builds[0]!.site) ? [b.builds[0]!] : []))[0];
  const first = copies.find((c) => someRuns(c.site) && alone(c)) ?? events.find((e) => e.kind === 'create' && e.run && plan.removed.has(e) && someRuns(e.site)) ?? build;
  if (!first) return [];
  // A bind mount's copy stands for its docker run.
  const command = first.kind === 'copy-out' && first.via ? first.via : first;
  return [finding(CODES.conditionalExtraction, 'warning', first.site.at,
    `${commandName(command)} here runs only in some runs (inside an if, case or loop, or after a test's && or ||), and the final build at line ${plan.final.site.at.line} ${plan.final.site.conditional ? 'in runs that may not include it' : 'in all'}: ${first.kind === 'build' ? 'the other runs copied from the builder image already there (pulled, or left by an earlier run)' : 'the image then took the files an earlier run left on the host'}; the merged build builds the builder stage every time`)];
}
