import { isStatic } from './values.js';

/**
 * Whether DOCKER_BUILDKIT, as a build sees it, may turn BuildKit off: set to a value the
 * docker CLI reads as false (it uses Go's ParseBool), or to one not known before the script runs.
 */
export function mayTurnBuildKitOff(value: string | null): boolean {
  return value !== null && !(isStatic(value) && /^(1|t|true)$/i.test(value));
}
