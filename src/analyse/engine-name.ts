import { isStatic, knownParts, type ValueTable } from './values.js';

/** `docker`, `podman`, `/usr/bin/docker`: a name the engine is run by; podman takes docker's commands. */
export function isEngineName(value: string): boolean {
  if (value === 'docker' || value === 'podman') return true;
  return value.endsWith('/docker') || value.endsWith('/podman');
}

/** `docker`, `sudo docker`, `/usr/bin/podman`: a value a script keeps the engine's command in (used as `$DOCKER build`). */
export function isEngineCommand(value: string): boolean {
  return /^(?:sudo(?:\s+-\S+)*\s+)?(?:\S*\/)?(?:docker|podman)$/.test(value);
}

/** `$(command -v docker || command -v podman)`, `$(which docker)`: a lookup of the engine's path. */
const ENGINE_LOOKUP = /^\$\((?:command -v|which|type -[pP])\s+["']?(?:docker|podman)["']?\)$/;

/** `$DOCKER build ...` with DOCKER from the environment: a name that says what it runs. */
const ENGINE_VARIABLE = /^\$(?:(?:DOCKER|PODMAN)(?:_(?:CMD|BIN|CLI|EXE|COMMAND))?|(?:CONTAINER_)?(?:ENGINE|CLI|RUNTIME)|OCI_BIN)$/;

/**
 * The command name of `$DOCKER build ...`: the engine where the script names it, looks up
 * its path, chose between docker and podman in an `if` (see mergeBranches), or takes it from a
 * variable of the environment named for it (see engineFromEnvironment).
 */
export function namesEngine(value: string, values: ValueTable): boolean {
  if (isEngineName(value)) return true;
  // Every command of the script comes here: a name the script wrote is no value of the run.
  if (isStatic(value)) return false;
  if (engineFromEnvironment(value, values) !== undefined) return true;
  if (!knownParts(value).every((part) => part.trim() === '')) return false;
  const lookups = value.match(/\uE001\d+\uE001/g) ?? [];
  return lookups.length > 0 && lookups.every((token) => ENGINE_LOOKUP.test(values.describe(token)));
}

/** `DOCKER` for a value that is the environment's `$DOCKER` and is named for the engine. */
export function engineFromEnvironment(value: string, values: ValueTable): string | undefined {
  const whole = values.whole(value);
  return whole?.kind === 'unknown' && ENGINE_VARIABLE.test(whole.text) ? whole.text.slice(1) : undefined;
}
