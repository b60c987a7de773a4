import type { Site } from '../analyse/events.js';
import type { Stmt } from '../parse/shell/ast.js';
import { rightRunsConditionally } from '../analyse/test-guard.js';

/** Whether the command at `site` runs in every run where the one at `other` runs. */
export function runsWhenever(site: Site, other: Site): boolean {
  let common = 0;
  while (common < site.stack.length && site.stack[common] === other.stack[common]) common++;
  const parent = site.stack[common - 1];
  // Both in one body of the statement that holds them (the `then` of one `if`) run in turn.
  if (parent && splits(parent, site.stack[common]) && partOf(parent, site.stack[common]) !== partOf(parent, other.stack[common])) return false;
  return site.stack.slice(common).every((stmt, i, rest) => !splits(stmt, rest[i + 1]));
}

/** The list of statements of `outer` that holds `inner`: an `if`'s condition, `then` or `else`, a loop's body. */
function partOf(outer: Stmt, inner: Stmt | undefined): Stmt[] | Stmt | undefined {
  if (!inner) return undefined;
  const cmd = outer.cmd;
  switch (cmd.type) {
    case 'if':
      return [cmd.cond, cmd.then, cmd.else].find((part) => part.includes(inner));
    case 'case':
      return cmd.items.find((item) => item.stmts.includes(inner))?.stmts;
    case 'while':
    case 'for':
      return cmd.type === 'while' && cmd.cond.includes(inner) ? cmd.cond : cmd.body;
    default:
      return inner;
  }
}

/** Whether `inner`, a statement inside `outer`, runs only in some runs of it. */
function splits(outer: Stmt, inner: Stmt | undefined): boolean {
  const cmd = outer.cmd;
  switch (cmd.type) {
    case 'if':
    case 'case':
    case 'while':
    case 'for':
      return true;
    case 'binary':
      // `make && docker cp ...` runs on under the script's `set -e`; after a test or a `||`, only in some runs.
      return inner === cmd.right && rightRunsConditionally(cmd.op, cmd.left);
    default:
      return false;
  }
}
