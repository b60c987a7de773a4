import type { Arg, CopyOutEvent, CreateEvent, RemoveImageEvent, ScriptEvent } from '../analyse/events.js';
import type { ValueTable } from '../analyse/values.js';
import { extractionContainers, observesContainer } from './container-uses.js';
import { normaliseImage } from './containers.js';
import type { BuilderPlan } from './model.js';

/**
 * The commands that only served the extraction: builder builds, create/cp/rm of the
 * extraction containers and commands that look at them, removal of the builder images, host
 * steps on extracted files and checks of them.
 */
export function removedEvents(
  events: ScriptEvent[],
  extractions: Map<CopyOutEvent, CreateEvent>,
  builders: BuilderPlan[],
  hostSteps: ReadonlySet<ScriptEvent>,
  /** Host commands that now run in a builder stage. */
  movedSteps: Set<ScriptEvent>,
  values: Pick<ValueTable, 'whole'>,
): Set<ScriptEvent> {
  const removed = new Set<ScriptEvent>();
  const creates = new Set(extractions.values());
  const builderBuilds = new Set(builders.flatMap((b) => b.builds));
  const builderImages = builderImageNames(builders);
  const isExtraction = extractionContainers(events, extractions, values);
  for (const create of creates) removed.add(create);
  for (const event of events) {
    if (event.kind !== 'copy-out' || !extractions.has(event)) continue;
    removed.add(event);
    // The script's own event, which the plan made into one copy for each member.
    if (event.exportedBy) removed.add(event.exportedBy);
  }
  for (const event of events) {
    if (event.kind === 'build' && builderBuilds.has(event)) {
      removed.add(event);
      for (const feeder of event.stdin?.via ?? []) removed.add(feeder);
    }
    else if (event.kind === 'remove-container' && event.containers.length > 0 && event.containers.every((c) => isExtraction(c))) removed.add(event);
    else if (event.kind === 'start-container' && event.containers.length > 0 && event.containers.every((c) => isExtraction(c))) removed.add(event);
    else if (event.kind === 'remove-image' && event.images.length > 0 && event.images.every((i) => builderImages.has(normaliseImage(i)))) removed.add(event);
    else if (hostSteps.has(event)) removed.add(event);
    else if (movedSteps.has(event)) removed.add(event);
    else if (observesContainer(event, isExtraction)) removed.add(event);
    // `echo "Removing container $CID"`: under `set -u`, a message about a container no longer made stops the script.
    else if (event.kind === 'other' && event.containers && event.containers.every((c) => isExtraction(c))) removed.add(event);
  }
  // `docker run ... | tar -x`, `docker rm c >> build.log`: what read or wrote the command's output goes with it,
  // unless a command that stays reads the file it wrote (`gzip -k build.log`).
  events.forEach((event, index) => {
    const fed = event.kind === 'other' && event.input && event.input.length > 0 && event.input.every((e) => removed.has(e));
    const written = event.kind === 'host-write' && event.writtenBy && event.writtenBy.length > 0 && event.writtenBy.every((e) => removed.has(e));
    if ((fed || written) && !readLater(event, events.slice(index + 1), removed)) removed.add(event);
  });
  return removed;
}

/** A file a `tee` or a redirection wrote that a later command that stays names. */
function readLater(event: ScriptEvent, later: ScriptEvent[], removed: ReadonlySet<ScriptEvent>): boolean {
  const written = event.kind === 'host-write' ? event.paths : event.kind === 'other' && event.name === 'tee' ? event.paths ?? [] : [];
  if (written.length === 0) return false;
  // Another `tee -a build.log` or `>> build.log` writes it; that is no reader.
  const reads = (e: ScriptEvent): boolean => e.kind !== 'host-write' && !(e.kind === 'other' && e.name === 'tee');
  return later.some((e) => !removed.has(e) && reads(e) && ('paths' in e ? e.paths ?? [] : []).some((p) => written.includes(p)));
}

/**
 * `docker rmi app-builder app:latest` in a `clean` branch: the builder image is no longer
 * built, and a removal of it would fail; the other images stay in the command.
 */
export function removedImageOperands(events: ScriptEvent[], builders: BuilderPlan[], removed: Set<ScriptEvent>): Map<RemoveImageEvent, Arg[]> {
  const builderImages = builderImageNames(builders);
  const out = new Map<RemoveImageEvent, Arg[]>();
  for (const event of events) {
    if (event.kind !== 'remove-image' || removed.has(event)) continue;
    const gone = event.args.filter((a) => !a.split && builderImages.has(normaliseImage(a.value)));
    if (gone.length > 0) out.set(event, gone);
  }
  return out;
}

/** The names the builders' images go by, normalised: the stage's image and every tag of its builds. */
function builderImageNames(builders: BuilderPlan[]): Set<string> {
  return new Set(builders.flatMap((b) => [b.image, ...b.builds.flatMap((build) => build.tags)]).map(normaliseImage));
}
