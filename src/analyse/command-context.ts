import type { Severity } from '../warnings.js';
import type { ScriptEvent, Site } from './events.js';
import type { VarValue } from './shell-state.js';
import type { ValueTable } from './values.js';

/** What a command handler needs from the interpreter at the point the command runs. */
export interface CommandContext {
  readonly site: Site;
  readonly cwd: string;
  readonly values: ValueTable;
  /** A variable as the command sees it: its own `VAR=v` first, then the script's. */
  variable(name: string): VarValue | undefined;
  emit(event: ScriptEvent): void;
  warn(code: string, severity: Severity, message: string): void;
  newContainerId(): number;
}
