import type { CreateEvent } from '../analyse/events.js';
import type { Span, Stmt } from '../parse/shell/ast.js';

/**
 * How the script goes on when this `docker run` fails: `|| true`, an `if` that tests it, a
 * `!`. A RUN step that fails stops the build instead, so the run cannot become one. Null when
 * a failure stops the script: no such construct, or one that exits (`|| exit 1`).
 */
export function toleratedFailure(create: CreateEvent): string | null {
  const call = create.site.call;
  for (const stmt of create.site.stack) {
    const cmd = stmt.cmd;
    if (cmd.type === 'binary' && cmd.op === '||' && holds(cmd.left, call) && !stopsScript(cmd.right)) return `the || after it`;
    // `if ! docker run ...; then exit 1; fi`: the branch that exits decides, `!` or not.
    if (cmd.type === 'if' && cmd.cond.some((c) => holds(c, call))) return [cmd.then, cmd.else].some((branch) => branch.some(stopsScript)) ? null : 'the if that tests it';
    if (cmd.type === 'while' && cmd.cond.some((c) => holds(c, call))) return 'the loop that tests it';
    if (stmt.negated && holds(stmt, call)) return 'the ! before it';
  }
  return null;
}

function holds(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** `exit 1`, `{ echo failed; exit 1; }`, `echo failed && exit 1`: the script ends there. */
function stopsScript(stmt: Stmt): boolean {
  const cmd = stmt.cmd;
  if (cmd.type === 'call') {
    const [name, status] = cmd.args.map((w) => (w.type === 'literal' ? w.value : null));
    return name === 'exit' && status !== '0';
  }
  if (cmd.type === 'block' || cmd.type === 'subshell') return cmd.stmts.length > 0 && stopsScript(cmd.stmts.at(-1)!);
  if (cmd.type === 'binary' && cmd.op === '&&') return stopsScript(cmd.right);
  return false;
}
