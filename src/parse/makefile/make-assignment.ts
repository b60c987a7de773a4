import { evaluateMake, type MakeVariables } from './make-value.js';

/** `[export|override] NAME op value`, op one of make's assignment operators. */
export const ASSIGNMENT = /^((?:(?:export|override)\s+)*)([A-Za-z_][\w.-]*)\s*(\?=|:::=|::=|:=|\+=|!=|=)\s*(.*)$/;

/** `[export|override] define NAME [op]`, the start of a multi-line value. */
export const DEFINE = /^((?:(?:export|override)\s+)*)define\s+([A-Za-z_][\w.-]*)\s*(\?=|:::=|::=|:=|\+=|!=|=)?\s*$/;

/**
 * Sets a variable as make does while reading. A `:=` value is expanded now when the Makefile
 * alone decides it; one that depends on the environment or `$(shell ...)` keeps its text (so
 * recipes still see `$(shell cmd)`) and records what it depends on.
 */
export function assignVariable(variables: MakeVariables, name: string, op: string, value: string): void {
  const before = variables.get(name);
  if (op === '?=') {
    if (!before) variables.set(name, { value, immediate: false, fromEnvironmentFirst: true, depends: [] });
  } else if (op === '!=') {
    variables.set(name, { value: `$(shell ${value})`, immediate: true, fromEnvironmentFirst: false, depends: [`$(shell ${value}) is only known when make runs`] });
  } else if (op === '+=' && before) {
    const added = before.immediate ? expandedNow(value, variables) : { value, depends: [] };
    variables.set(name, { ...before, value: `${before.value} ${added.value}`, depends: [...before.depends, ...added.depends] });
  } else if (op === '+=') {
    // Without a value in the Makefile, += adds to the environment's.
    variables.set(name, { value, immediate: false, fromEnvironmentFirst: true, depends: [] });
  } else if (op === '=') {
    variables.set(name, { value, immediate: false, fromEnvironmentFirst: false, depends: [] });
  } else {
    variables.set(name, { ...expandedNow(value, variables), immediate: true, fromEnvironmentFirst: false });
  }
}

function expandedNow(value: string, variables: MakeVariables): { value: string; depends: string[] } {
  const now = evaluateMake(value, variables);
  if (now.depends.length > 0) return { value, depends: now.depends };
  return { value: now.text.replace(/\$/g, '$$$$'), depends: [] };
}
