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
  // One finding a default, where the first command writes it in; the others by their lines.
  const uses = new Map<string, { read: DefaultRead; events: ScriptEvent[] }>();
  for (const event of events.filter((e) => plan.removed.has(e))) {
    for (const read of readsWrittenIn(event, plan, events, values)) {
      const key = `${read.name}@${placeOf(read.at)}`;
      const use = uses.get(key) ?? { read, events: [] };
      if (!use.events.includes(event)) use.events.push(event);
      uses.set(key, use);
    }
  }
  for (const { read, events: [first, ...others] } of uses.values()) {
    findings.push(finding(CODES.frozenDefault, 'warning', first!.site.at, message(first!, others, read, values)));
  }
  // `docker build -f "docker/${VARIANT:-alpine}/Dockerfile" .` stays, and another value picks a file the migration left as it was.
  for (const build of [plan.final, ...plan.targets.map((t) => t.build)]) {
    for (const read of build.frozen ?? []) {
      const key = `${read.name}@${placeOf(read.at)}`;
      if (uses.has(key)) continue;
      uses.set(key, { read, events: [build] });
      findings.push(finding(CODES.frozenDefault, 'warning', build.site.at, keptMessage(read, values)));
    }
  }
  const warned = new Set([...uses.values()].map((use) => placeOf(use.read.at)));
  const superseded = findings.filter((f) => f.code === CODES.environmentDefault && warned.has(placeOf(f)));
  for (const info of superseded) findings.splice(findings.indexOf(info), 1);
}

function placeOf(at: { file: string; line: number; column?: number }): string {
  return `${at.file}:${at.line}:${at.column ?? 0}`;
}

function readsWrittenIn(event: ScriptEvent, plan: Plan, events: ScriptEvent[], values: ValueTable): DefaultRead[] {
  if (event.kind === 'build') return event.frozen ?? [];
  if (event.kind === 'copy-out') return [...(event.frozen ?? []), ...(event.destDefaults ?? []).filter((read) => namedInImage(read, event, plan))];
  if (event.kind !== 'create') return [];
  // `docker create app-builder:$TAG`: the tag names the script's own build, which becomes a stage.
  const fromImage = event.imageDefaults && !findBuildOf(event.image, event, events, values) ? event.imageDefaults : [];
  return [...(event.frozen ?? []), ...fromImage];
}

/**
 * `docker cp c:/out/app "bin/app-$ARCH"` for a `COPY bin/ /usr/bin/`: the host name reaches the
 * image path the COPY --from writes. `$OUT_DIR/app` for a `COPY out/app /usr/bin/app` does not.
 */
function namedInImage(read: DefaultRead, copy: ScriptEvent, plan: Plan): boolean {
  const uses = [...plan.uses, ...plan.targets.flatMap((t) => t.uses)].filter((use) => use.artifact.copy === copy);
  return uses.some((use) => read.value !== '' && use.imagePath.includes(read.value) && !use.instruction.args.some((arg) => arg.value.includes(read.value)));
}

/** `docker build takes VARIANT from the environment, read as unset at build.sh:1`, and the rest of each message. */
function described(command: string, read: DefaultRead, values: ValueTable): { taken: string; value: string; given: string } {
  const argument = /^\d+$/.test(read.name);
  const source = argument ? `the script's argument $${read.name}` : `${read.name} from the environment`;
  const through = read.via === read.name ? '' : ` through ${/^(\d+|@|\*)$/.test(read.via) ? `a function's $${read.via}` : read.via}`;
  return {
    taken: `${command} takes ${source}${through}, read as ${argument ? 'not given' : 'unset'} at ${read.at.file}:${read.at.line}`,
    value: isStatic(read.value) ? `'${values.describe(read.value)}'` : values.describe(read.value),
    given: argument ? 'a run that passes another value' : `a run where ${read.name} is set`,
  };
}

function keptMessage(read: DefaultRead, values: ValueTable): string {
  const { taken, value, given } = described('docker build', read, values);
  const picks = read.ifSet === undefined ? `its default ${value} picks` : 'it picks while unset';
  return `${taken}: the migration merged the Dockerfile ${picks}, so ${given} builds another one, which the migration left as it was and whose COPY of the extracted files finds nothing`;
}

function message(event: ScriptEvent, others: ScriptEvent[], read: DefaultRead, values: ValueTable): string {
  const also = others.length === 0 ? '' : ` (and ${others.length === 1 ? 'line' : 'lines'} ${others.map((e) => e.site.at.line).join(', ')})`;
  const { taken, value, given } = described(`${commandName(event)}${also}`, read, values);
  // `${DEBUG:+-debug}`: unset, the word is left out; set, the legacy flow had it.
  if (read.ifSet !== undefined) return `${taken}: the migrated Dockerfile is written without ${read.ifSet === null ? 'the word it adds where it is set' : `the '${read.ifSet}' it adds where it is set`}, so ${given} builds without it, where the legacy flow used it`;
  return `${taken}: its default ${value} is written into the migrated Dockerfile, so ${given} builds with ${value}, where the legacy flow used that value`;
}
