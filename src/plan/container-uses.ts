import type { CopyOutEvent, CreateEvent, DockerOtherEvent, ScriptEvent } from '../analyse/events.js';
import type { ValueTable } from '../analyse/values.js';
import { refersTo } from '../analyse/container-ref.js';
import { CODES, finding, type Finding } from '../warnings.js';

/**
 * Docker commands that only look at a container or stop it (`docker logs c`, `docker wait c`):
 * they go with the extraction container. A builder stage's failure fails the build, and its
 * output is the build's, so nothing they did is lost.
 */
const OBSERVERS = new Set(['logs', 'inspect', 'wait', 'stop', 'kill', 'top', 'diff', 'port', 'stats', 'pause', 'unpause']);

/**
 * Whether a word names one of the extraction containers: by the name or id the copy used, or
 * by the other (`--name c`, and `docker logs "$CID"` with the id that create printed).
 */
export function extractionContainers(events: ScriptEvent[], extractions: Map<CopyOutEvent, CreateEvent>, values: Pick<ValueTable, 'whole'>): (ref: string) => boolean {
  const refs = new Set<string>();
  for (const create of extractions.values()) if (create.name) refs.add(create.name);
  for (const event of events) if (event.kind === 'copy-out' && extractions.has(event)) refs.add(event.container);
  const creates = [...new Set(extractions.values())];
  return (ref) => refs.has(ref) || creates.some((create) => refersTo(ref, create, values));
}

/** A docker command that names one of these containers. */
export function usesContainer(event: ScriptEvent, isExtraction: (ref: string) => boolean): event is DockerOtherEvent {
  return event.kind === 'docker-other' && event.args.some(isExtraction);
}

/** `docker logs c` of an extraction container, printed for the user to read: it goes with the container. */
export function observesContainer(event: ScriptEvent, isExtraction: (ref: string) => boolean): boolean {
  return usesContainer(event, isExtraction) && OBSERVERS.has(event.subcommand) && !event.printsTo;
}

/**
 * `docker commit c app:built`, `docker exec c ...`, or `docker inspect c > state.json`, on an
 * extraction container: the migrated script no longer makes the container, and what such a
 * command does with it, or what it printed, cannot be had from a stage.
 */
export function keptContainerUses(events: ScriptEvent[], extractions: Map<CopyOutEvent, CreateEvent>, values: ValueTable): Finding[] {
  const isExtraction = extractionContainers(events, extractions, values);
  return events.filter((e): e is DockerOtherEvent => usesContainer(e, isExtraction) && !observesContainer(e, isExtraction)).map((use) => {
    const ref = use.args.find(isExtraction)!;
    const made = values.whole(ref);
    const container = made?.kind === 'container' ? `the container made at line ${made.at.line}` : `the container ${values.describe(ref)}`;
    const what = !OBSERVERS.has(use.subcommand) ? 'uses' : use.printsTo === 'file' ? 'writes to a file what it reads from' : 'gives a value read from';
    return finding(CODES.keptContainerUse, 'error', use.site.at,
      `docker ${use.subcommand} ${what} ${container}, which the migrated script no longer makes (its files come from a stage now): not migrated`);
  });
}
