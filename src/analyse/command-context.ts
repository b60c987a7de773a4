import type { Severity } from '../warnings.js';
import type { DefaultRead, ScriptEvent, Site } from './events.js';
import type { VarValue } from './shell-state.js';
import type { ValueTable } from './values.js';

/** What a command handler needs from the interpreter at the point the command runs. */
export interface CommandContext {
  readonly site: Site;
  readonly cwd: string;
  readonly values: ValueTable;
  /** A variable as the command sees it: its own `VAR=v` first, then the script's. */
  variable(name: string): VarValue | undefined;
  /**
   * A variable in the command's environment, as `docker run -e NAME` passes it on: its own
   * `VAR=v`, or one the script exported (`export NAME=...`, `set -a`); undefined for one the
   * script did not export, whose value only the caller's environment knows. `own` for the
   * command's own `VAR=v`, which no other command sees.
   */
  exported(name: string): { value: VarValue; defaults?: DefaultRead[]; own?: true } | undefined;
  emit(event: ScriptEvent): void;
  warn(code: string, severity: Severity, message: string): void;
  newContainerId(): number;
  /** A host file the command writes whose text the analysis knows (`--iidfile F`: the image's id), for a `$(cat F)` after it. */
  writesValue(path: string, value: string): void;
}
