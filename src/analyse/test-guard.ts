import type { Stmt } from '../parse/shell/ast.js';

/** `[ ... ]`, `test ...`, `[[ ... ]]`, `(( ... ))`: a statement that only tests. */
export function isTest(stmt: Stmt): boolean {
  const cmd = stmt.cmd;
  if (cmd.type === 'other') return cmd.kind === 'TestClause' || cmd.kind === 'ArithmCmd';
  const first = cmd.type === 'call' && cmd.assigns.length === 0 ? cmd.args[0] : undefined;
  return first?.type === 'literal' && (first.value === '[' || first.value === 'test');
}

/** `a || b`: b runs only when a fails; `[ -z "$SKIP" ] && b`, only when the test holds. A plain `a && b` is the script's main path. */
export function rightRunsConditionally(op: string, left: Stmt): boolean {
  return op === '||' || (op === '&&' && isTest(left));
}
