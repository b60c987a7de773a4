import type { Site } from '../analyse/events.js';
import { rightRunsConditionally } from '../analyse/test-guard.js';
import type { Stmt } from '../parse/shell/ast.js';

/**
 * Whether the command at `later` may run in a run of the script where the one at `earlier`
 * ran and it did not, or the other way round: they sit in different branches of an `if` or
 * `case`, or an `if`, `case`, loop or test's `&&`/`||` holds `later` and not `earlier`. Two
 * commands in one branch (`case "$1" in build) ...;; esac`) run together.
 */
export function mayRunApart(later: Site, earlier: Site): boolean {
  let k = 0;
  while (k < later.stack.length && k < earlier.stack.length && later.stack[k] === earlier.stack[k]) k++;
  const parent = later.stack[k - 1];
  if (parent && k < later.stack.length && k < earlier.stack.length && branchOf(parent, later.stack[k]!) !== branchOf(parent, earlier.stack[k]!)) return true;
  // Below where the two part: what holds `later` alone.
  return later.stack.slice(k).some((stmt, i, rest) => rest[i + 1] !== undefined && holdsConditionally(stmt, rest[i + 1]!));
}

/** Which part of a compound statement a statement inside it is in. */
function branchOf(stmt: Stmt, child: Stmt): number {
  const cmd = stmt.cmd;
  if (cmd.type === 'if') return cmd.cond.includes(child) ? 0 : cmd.then.includes(child) ? 1 : 2;
  if (cmd.type === 'case') return cmd.items.findIndex((item) => item.stmts.includes(child));
  if (cmd.type === 'binary') return cmd.right === child && rightRunsConditionally(cmd.op, cmd.left) ? 1 : 0;
  return 0;
}

/** Whether `stmt` runs `child` only in some runs. */
function holdsConditionally(stmt: Stmt, child: Stmt): boolean {
  const cmd = stmt.cmd;
  if (cmd.type === 'if') return !cmd.cond.includes(child);
  if (cmd.type === 'case' || cmd.type === 'for') return true;
  if (cmd.type === 'while') return !cmd.cond.includes(child);
  if (cmd.type === 'binary') return cmd.right === child && rightRunsConditionally(cmd.op, cmd.left);
  return false;
}
