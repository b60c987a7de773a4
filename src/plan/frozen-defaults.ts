import type { DefaultRead, ScriptEvent } from '../analyse/events.js';
import { commandName } from '../analyse/command-name.js';
import { isStatic, type ValueTable } from '../analyse/values.js';
import { CODES, finding, type Finding } from '../warnings.js';
import { findBuildOf } from './containers.js';
import type { Plan } from './model.js';

/**
 * `PROFILE=${1:-release}`, then `docker cp c:/src/target/$PROFILE/app .`: the script is read as
 * run without arguments, and the migrated Dockerfile has `release` written in. `./build.sh debug`
 * copied the debug binary before; after the migration it builds an image with the release one.
 * The same for a variable the environment may set; its MSM002 info then gives way to the warning.
 * A default in a tag, a container's name or a `--build-arg` (which moves to the final build as
 * written) is not written in, and is not named.
 */
export function addFrozenDefaults(findings: Finding[], plan: Plan, events: ScriptEvent[], values: ValueTable): void {
  const warned = new Set<string>();
  for (const event of plan.removed) {
    const named = new Set<string>();
    for (const read of readsWrittenIn(event, events, values)) {
      if (named.has(read.name)) continue;
      named.add(read.name);
      warned.add(placeOf(read.at));
      findings.push(finding(CODES.frozenDefault, 'warning', event.site.at, message(event, read, values)));
    }
  }
  const superseded = findings.filter((f) => f.code === CODES.environmentDefault && warned.has(placeOf(f)));
  for (const info of superseded) findings.splice(findings.indexOf(info), 1);
}

function placeOf(at: { file: string; line: number; column?: number }): string {
  return `${at.file}:${at.line}:${at.column ?? 0}`;
}

function readsWrittenIn(event: ScriptEvent, events: ScriptEvent[], values: ValueTable): DefaultRead[] {
  if (event.kind === 'build' || event.kind === 'copy-out') return event.frozen ?? [];
  if (event.kind !== 'create') return [];
  // `docker create app-builder:$TAG`: the tag names the script's own build, which becomes a stage.
  const fromImage = event.imageDefaults && !findBuildOf(event.image, event, events, values) ? event.imageDefaults : [];
  return [...(event.frozen ?? []), ...fromImage];
}

function message(event: ScriptEvent, read: DefaultRead, values: ValueTable): string {
  const value = isStatic(read.value) ? `'${values.describe(read.value)}'` : values.describe(read.value);
  const argument = /^\d+$/.test(read.name);
  const source = argument ? `the script's argument $${read.name}` : `${read.name} from the environment`;
  const through = read.via === read.name ? '' : ` through ${read.via}`;
  const given = argument ? 'a run that passes another value' : `a run where ${read.name} is set`;
  return `${commandName(event)} takes ${source}${through}, read as ${argument ? 'not given' : 'unset'} at ${read.at.file}:${read.at.line}: its default ${value} is written into the migrated Dockerfile, so ${given} builds with ${value}, where the legacy flow used that value`;
}
