import type { CreateEvent } from './events.js';
import type { ValueTable } from './values.js';

/** Whether `ref` (a `--name`, or the id `docker create` printed) names the container `create` made. */
export function refersTo(ref: string, create: CreateEvent, values: Pick<ValueTable, 'whole'>): boolean {
  const opaque = values.whole(ref);
  return opaque?.kind === 'container' ? opaque.containerId === create.containerId : create.name === ref;
}
