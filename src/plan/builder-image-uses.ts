import { commandName } from '../analyse/command-name.js';
import type { CreateEvent, ScriptEvent } from '../analyse/events.js';
import type { ValueTable } from '../analyse/values.js';
import { CODES, finding, type Finding } from '../warnings.js';
import { normaliseImage } from './containers.js';
import type { BuilderPlan } from './model.js';

/** Docker commands that name an image without needing it built: a pull refreshes the cache. */
const NOT_A_USE = new Set(['pull']);

/**
 * The migrated script no longer builds the builder image; a command that stays and names it
 * (`docker run b go test ./...`, `docker tag b ...`, `docker push b`) would fail, or worse,
 * find an image a previous run left. Refused, at that command.
 */
export function builderImageUses(builders: Iterable<BuilderPlan>, extractions: Iterable<CreateEvent>, events: ScriptEvent[], values: ValueTable): Finding[] {
  const tags = new Map<string, string>();
  // Equal values are equal when the script runs, known or not (`$IMAGE-builder:$TAG`).
  for (const builder of builders) for (const build of builder.builds) for (const tag of build.tags) tags.set(normaliseImage(tag), tag);
  const extracting = new Set(extractions);
  const findings: Finding[] = [];
  for (const event of events) {
    const named = namedImages(event, extracting).filter((image) => tags.has(normaliseImage(image)));
    for (const image of new Set(named)) {
      findings.push(finding(CODES.builderImageUsed, 'error', event.site.at, `${commandName(event)} uses the builder image ${values.describe(image)}, which the migrated script no longer builds: not migrated`));
    }
  }
  return findings;
}

function namedImages(event: ScriptEvent, extracting: Set<CreateEvent>): string[] {
  if (event.kind === 'create') return extracting.has(event) ? [] : [event.image];
  if (event.kind === 'docker-other' && !NOT_A_USE.has(event.subcommand)) return event.args;
  return [];
}
