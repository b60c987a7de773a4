import type { Severity } from '../warnings.js';
import type { Arg, ScriptEvent, Site } from './events.js';
import type { ValueTable } from './values.js';

/** What a command handler needs from the interpreter at the point the command runs. */
export interface CommandContext {
  readonly site: Site;
  readonly cwd: string;
  readonly values: ValueTable;
  emit(event: ScriptEvent): void;
  warn(code: string, severity: Severity, message: string): void;
  newContainerId(): number;
}

/** The user's words for an argument, for messages. */
export function describeArg(ctx: CommandContext, arg: Arg): string {
  return ctx.values.describe(arg.value);
}
