import type { ScriptEvent } from '../analyse/events.js';
import { QUIET_COMMANDS } from '../analyse/quiet-commands.js';
import type { Command, ShellScript, Stmt } from '../parse/shell/ast.js';
import type { TextEdit } from './text-edits.js';
import { isTest } from '../analyse/test-guard.js';
import { isStatic } from '../analyse/values.js';

/** What must go from the script: statements as a whole, or parts of `&&` chains. */
export interface Removal {
  /** Statements to delete with their whole lines, when nothing else is on those lines. */
  statements: Stmt[];
  /** Deletions inside a line or a chain. */
  inline: TextEdit[];
}

/**
 * A statement goes when every command that ran under it is one the migration removes (and at
 * least one did); a chain loses only its removed links; a function whose body is all removed
 * goes with its calls.
 */
export function findRemovals(script: ShellScript, events: ScriptEvent[], removed: Set<ScriptEvent>, handlers: ReadonlyMap<Stmt, Stmt[]> = new Map()): Removal {
  const { keptUnder, ranCommand } = countEvents(events, removed, script.text);
  const functions = new Map(script.stmts.flatMap((s) => (s.cmd.type === 'function' ? [[s.cmd.name, s] as const] : [])));
  // `for step in build_builder extract; do "$step"; done`, `"${1:-all}"`: a call by a value may name
  // any function, so each stays defined (a body that keeps nothing becomes `:`).
  const calledByValue = events.some(ranByValue);
  // A function that calls itself (`[ -z "$AGAIN" ] || extract` in extract): its own call, met
  // while the function is judged, cannot go with the function (that asks about the function
  // again, without end); it is judged by what ran under it, like any other statement.
  const judging = new Set<Stmt>();
  const isRemovable = (stmt: Stmt): boolean => {
    if (judging.has(stmt)) return false;
    // A call of a function that sets a variable read outside it stays: the assignment must run.
    const called = stmt.cmd.type === 'call' && stmt.cmd.args[0]?.type === 'literal' ? functions.get(stmt.cmd.args[0].value) : undefined;
    if (called && called !== stmt && setsReadVariable(called, script.text)) return false;
    // A function that goes takes its calls with it, and a `trap` whose handler is all such calls.
    if (called && called !== stmt && isRemovable(called)) return true;
    const handler = handlers.get(stmt);
    if (handler && handler.length > 0 && handler.every(isRemovable)) return true;
    if (stmt.cmd.type === 'function') {
      judging.add(stmt);
      const removable = !calledByValue && bodyRemovable(stmt.cmd.body, isRemovable, (s) => !ranCommand.has(s) && !readElsewhere(s, stmt, script.text));
      judging.delete(stmt);
      return removable;
    }
    // `docker cp ... || exit 1`: what ran only when the removed command failed goes with it.
    if (stmt.cmd.type === 'binary' && stmt.cmd.op === '||' && isRemovable(stmt.cmd.left)) return true;
    // `[ -d dist ] || docker run ...`: alone, the test would stop a `set -e` script where it fails.
    if (stmt.cmd.type === 'binary' && (stmt.cmd.op === '||' || stmt.cmd.op === '&&') && isTest(stmt.cmd.left) && isRemovable(stmt.cmd.right)) return true;
    // `docker cp ... && ok=1`: the flag a later test reads stays set, as the copy no longer fails.
    if (stmt.cmd.type === 'binary' && stmt.cmd.op === '&&' && stmt.cmd.right.cmd.type === 'call' && stmt.cmd.right.cmd.args.length === 0) return false;
    return keptUnder.get(stmt) === 0;
  };
  const out: Removal = { statements: [], inline: [] };
  const walk: Walk = { text: script.text, isRemovable, out, functions: new Set(functions.keys()) };
  walkList(script.stmts, walk, false);
  // A kept `trap` loses the commands of its handler that go: they sit inside its quotes.
  for (const [trap, handler] of handlers) if (!isRemovable(trap) && !out.statements.some((s) => s.start <= trap.start && trap.end <= s.end)) walkList(handler, walk, true);
  return out;
}

/**
 * A command that ran through a call whose name is a value (`"$step"` running a function of the
 * script), or whose own name is only known when the script runs (it may be such a function).
 * `$DOCKER build ...` ran docker itself, not through another call.
 */
function ranByValue(event: ScriptEvent): boolean {
  if (event.kind === 'other' && !isStatic(event.name)) return true;
  return event.site.stack.some((st) => st.cmd.type === 'call' && st.cmd !== event.site.call && st.cmd.args[0] !== undefined && st.cmd.args[0].type !== 'literal');
}

/** A function goes when its body keeps nothing: removed commands, and assignments or `local`s that ran nothing. */
function bodyRemovable(body: Stmt, isRemovable: (s: Stmt) => boolean, ranNothing: (s: Stmt) => boolean): boolean {
  const stmts = bodyStatements(body);
  const inert = (s: Stmt): boolean => isAssignment(s) && ranNothing(s);
  return stmts.some(isRemovable) && stmts.every((s) => isRemovable(s) || inert(s));
}

/**
 * `TAG=1.2` in a function that goes, and `docker build -t app:$TAG` after it: the variable is
 * read outside the function, so the assignment is not inert. A `local` one never is read there.
 */
function readElsewhere(s: Stmt, fn: Stmt, text: string): boolean {
  const cmd = s.cmd;
  const global = cmd.type === 'call' ? cmd.assigns : cmd.type === 'declare' && cmd.variant !== 'local' ? cmd.assigns : [];
  const locals = localNames(fn);
  const outside = text.slice(0, fn.start) + text.slice(fn.end);
  return global.some((a) => !locals.has(a.name) && new RegExp(`\\$\\{?${a.name}\\b`).test(outside));
}

function setsReadVariable(fn: Stmt, text: string): boolean {
  if (fn.cmd.type !== 'function') return false;
  const body = fn.cmd.body;
  const stmts = bodyStatements(body);
  return stmts.some((s) => isAssignment(s) && readElsewhere(s, fn, text));
}

/** Names a function declares with `local` (or `declare`/`typeset` inside it). */
function localNames(fn: Stmt): Set<string> {
  const names = new Set<string>();
  const body = fn.cmd.type === 'function' ? fn.cmd.body : fn;
  const stmts = bodyStatements(body);
  for (const s of stmts) if (s.cmd.type === 'declare' && s.cmd.variant !== 'export' && s.cmd.variant !== 'readonly') for (const a of s.cmd.assigns) names.add(a.name);
  return names;
}

/** A function's body as a list: `{ a; b; }` and `( a; b )` hold theirs, any other is one statement. */
function bodyStatements(body: Stmt): Stmt[] {
  return body.cmd.type === 'block' || body.cmd.type === 'subshell' ? body.cmd.stmts : [body];
}

function isAssignment(s: Stmt): boolean {
  return s.cmd.type === 'declare' || (s.cmd.type === 'call' && s.cmd.args.length === 0);
}

interface EventCounts {
  /** For each statement a removed command ran under: how many kept commands ran under it too. */
  keptUnder: Map<Stmt, number>;
  /** The assignments and declarations that ran a command (in `$(...)`). */
  ranCommand: Set<Stmt>;
}

/**
 * Counts by the statements themselves: the interpreter's stack holds the very statements of
 * the tree. Only a statement that a removed command ran under can go, so only those few are
 * counted: a map of every statement of a long script costs more than the rest of the removal.
 */
function countEvents(events: ScriptEvent[], removed: Set<ScriptEvent>, text: string): EventCounts {
  const counted = events.filter((e) => !(e.kind === 'other' && e.valueOnly));
  const keptUnder = new Map<Stmt, number>();
  for (const event of counted) if (removed.has(event)) for (const stmt of event.site.stack) keptUnder.set(stmt, 0);
  const ranCommand = new Set<Stmt>();
  const wrapped = wrapperCalls(counted, removed);
  for (const event of counted) {
    const kept = !removed.has(event) && !isPlumbing(event, text) && !isWrapperMessage(event, wrapped);
    for (const stmt of event.site.stack) {
      const n = keptUnder.get(stmt);
      if (kept && n !== undefined) keptUnder.set(stmt, n + 1);
      if (isAssignment(stmt)) ranCommand.add(stmt);
    }
  }
  return { keptUnder, ranCommand };
}

/**
 * Removed commands whose text would stay: no removed statement or edit holds the command or a
 * statement that led to it (`retry docker build ...`, where the function also runs what stays).
 * The plan counted on them going; the migration must not go on as if they did.
 */
export function stuckEvents(removal: Removal, events: ScriptEvent[], removed: Set<ScriptEvent>): ScriptEvent[] {
  const ranges: { start: number; end: number }[] = [...removal.statements, ...removal.inline];
  const covered = (span: { start: number; end: number }): boolean => ranges.some((r) => r.start <= span.start && span.end <= r.end);
  return events.filter((e) => removed.has(e) && !(e.kind === 'other' && e.valueOnly) && !covered(e.site.call) && !e.site.stack.some(covered));
}

/**
 * `run docker build ...` with `run() { echo "+ $*"; "$@"; }`: the calls of a script function
 * that ran a removed command by value, through its arguments.
 */
function wrapperCalls(events: ScriptEvent[], removed: Set<ScriptEvent>): Set<Stmt> {
  const calls = new Set<Stmt>();
  for (const event of events) {
    const own = event.site.stack.at(-1)?.cmd;
    if (!removed.has(event) || own?.type !== 'call' || own.args[0]?.type === 'literal') continue;
    for (const st of event.site.stack) if (st.cmd.type === 'call' && st.cmd !== event.site.call && st.cmd.args[0]?.type === 'literal') calls.add(st);
  }
  return calls;
}

/** The wrapper's own message about the command it runs, to the terminal: it goes with the command. */
function isWrapperMessage(event: ScriptEvent, wrapped: Set<Stmt>): boolean {
  return wrapped.size > 0 && event.kind === 'other' && (event.name === 'echo' || event.name === 'printf') && event.site.stack.some((st) => wrapped.has(st));
}

/** Commands that only report, wait or test, and change nothing. */
const PLUMBING = new Set([...QUIET_COMMANDS, 'sleep']);

/**
 * One of those, run only in some runs: the retry loop of a wrapper (`retry docker build ...`),
 * the message of an `if ! docker cp ...; then`. It does not keep a statement that goes.
 */
function isPlumbing(event: ScriptEvent, text: string): boolean {
  if (event.kind !== 'other' || !event.site.conditional || !PLUMBING.has(event.name)) return false;
  // `--quick) echo "quick build"; exit 0 ;;`: a way out that succeeds is the script's own, not a failure's.
  return !(event.name === 'exit' && /^exit(\s+0)?\s*$/.test(text.slice(event.site.call.start, event.site.call.end)));
}

/** What a walk over the script's lists reads and writes. */
interface Walk {
  text: string;
  isRemovable: (s: Stmt) => boolean;
  out: Removal;
  /** Names of the script's functions: a call of one may end failing. */
  functions: ReadonlySet<string>;
}

/** `needsCommand`: the list is a body that the shell requires to hold a command. */
function walkList(stmts: Stmt[], walk: Walk, needsCommand: boolean, isCondition = false): void {
  const gone = new Set(stmts.filter(walk.isRemovable));
  const placeholders = new Set<Stmt>();
  const last = stmts.at(-1);
  const lastKept = stmts.filter((s) => !gone.has(s)).at(-1);
  if (needsCommand && stmts.length > 0 && gone.size === stmts.length) {
    // `then docker rm x; fi` must keep a command: `:` does nothing.
    placeholders.add(stmts[0]!);
  } else if (!isCondition && last && gone.has(last) && lastKept && mayEndFailing(lastKept, walk.functions)) {
    // `[ "$PUSH" = 1 ] && docker push app`, then `rm -f app`: the list's status was the rm's; alone, the test's would stop `set -e` callers.
    placeholders.add(last);
  }
  // `docker build ...`, then `if [ $? -ne 0 ]`: the status read is the removed command's, which succeeded.
  stmts.forEach((stmt, i) => {
    const next = stmts[i + 1];
    if (gone.has(stmt) && next && !gone.has(next) && readsStatus(next, walk.text)) placeholders.add(stmt);
  });
  for (const placeholder of placeholders) {
    gone.delete(placeholder);
    // A removed command counts as one that succeeded: `! cmd;` becomes `! :;`.
    const text = text0(placeholder, walk.text);
    walk.out.inline.push({ start: placeholder.start, end: placeholder.end, text: `${placeholder.negated ? '! ' : ''}:${/;\s*$/.test(text) ? ';' : ''}` });
  }
  for (const stmt of stmts) {
    if (gone.has(stmt)) walk.out.statements.push(stmt);
    else if (!placeholders.has(stmt)) walkCommand(stmt.cmd, walk);
  }
}

/** Whether a statement reads `$?` or `${PIPESTATUS[0]}`, the status of the one before it. */
function readsStatus(stmt: Stmt, source: string): boolean {
  return /\$\?|\$\{\?\}|\$\{?PIPESTATUS\b/.test(source.slice(stmt.start, stmt.end));
}

/**
 * A statement whose status may be non-zero with nothing wrong: `A && B`, a test, a call of
 * the script's own function (`debug "..."`, whose body may end in a test).
 */
function mayEndFailing(stmt: Stmt, functions: ReadonlySet<string>): boolean {
  const name = stmt.cmd.type === 'call' ? stmt.cmd.args[0] : undefined;
  return (stmt.cmd.type === 'binary' && stmt.cmd.op === '&&') || isTest(stmt) || (name?.type === 'literal' && functions.has(name.value));
}

function text0(stmt: Stmt, source: string): string {
  return source.slice(stmt.start, stmt.end);
}

function walkCommand(cmd: Command, walk: Walk): void {
  switch (cmd.type) {
    case 'binary':
      return walkChain(cmd.left, cmd.right, cmd.op, walk);
    case 'if':
      walkList(cmd.cond, walk, true, true);
      walkList(cmd.then, walk, true);
      walkList(cmd.else, walk, cmd.else.length > 0);
      return;
    case 'block':
    case 'subshell':
      return walkList(cmd.stmts, walk, true);
    case 'function':
      return walkCommand(cmd.body.cmd, walk);
    case 'for':
      return walkList(cmd.body, walk, true);
    case 'while':
      walkList(cmd.cond, walk, true, true);
      walkList(cmd.body, walk, true);
      return;
    case 'case':
      // `*) docker run ... > app ;;` on one line: a `:` keeps the item's `;;` whole.
      for (const item of cmd.items) walkList(item.stmts, walk, true);
      return;
    default:
      return;
  }
}

function walkChain(left: Stmt, right: Stmt, op: string, walk: Walk): void {
  const l = walk.isRemovable(left);
  const r = walk.isRemovable(right);
  // `docker build ... | tee build.log` where the log is read later: alone, tee would read the script's stdin. It stays whole (and is stuck).
  if (l && !r && (op === '|' || op === '|&')) walkCommand(right.cmd, walk);
  else if (l && !r) {
    walk.out.inline.push({ start: left.start, end: right.start, text: '' });
    walkCommand(right.cmd, walk);
  } else if (r && !l && op === '||') {
    // `make -q || docker run ...`: where the left fails, the script went on; so it still does.
    walk.out.inline.push({ start: right.start, end: right.end, text: ':' });
    walkCommand(left.cmd, walk);
  } else if (r && !l) {
    walk.out.inline.push({ start: left.end, end: right.end, text: '' });
    walkCommand(left.cmd, walk);
  } else {
    walkCommand(left.cmd, walk);
    walkCommand(right.cmd, walk);
  }
}
