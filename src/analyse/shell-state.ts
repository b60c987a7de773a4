import { isEngineCommand } from './engine-name.js';
import type { Span } from '../parse/shell/ast.js';
import type { Arg } from './events.js';
import type { VarMap } from './var-map.js';

export type VarValue = string | string[];

/** A function call's own variables (`local`) and arguments. */
export interface Frame {
  locals: Map<string, VarValue>;
  positional: string[];
  /**
   * The caller's words for the positional values, as the call wrote them: `"$@"` in the body
   * stands for them (`run docker build -t app .` with `run() { "$@"; }`), defaults and all.
   */
  args?: Arg[];
  /** Called with the script's own arguments (`"$@"`), which the analysis does not know. */
  scriptArgs?: boolean;
}

/** A variable's value in a state: the innermost function's `local` first, then the script's. */
export function lookupIn(state: ShellState, name: string): VarValue | undefined {
  for (let i = state.frames.length - 1; i >= 0; i--) {
    const local = state.frames[i]!.locals.get(name);
    if (local !== undefined) return local;
  }
  return state.globals.get(name);
}

/** Everything a branch or a subshell can change and must be able to undo. */
export interface ShellState {
  /** Undone by marks (see VarMap), not copied: a branch shares them. */
  globals: VarMap;
  frames: Frame[];
  cwd: string;
  /** `cd -` goes back here. */
  oldCwd: string;
  dirStack: string[];
}

/** A copy for a branch or a subshell: its own frames and folders, the same globals (undone by a mark). */
export function branchState(state: ShellState): ShellState {
  return {
    globals: state.globals,
    frames: state.frames.map((f) => ({ ...f, locals: new Map(f.locals), positional: [...f.positional], ...(f.args ? { args: [...f.args] } : {}) })),
    cwd: state.cwd,
    oldCwd: state.oldCwd,
    dirStack: [...state.dirStack],
  };
}

/** A copy of everything, globals too: for what runs or reads it later (a trap, a build's deferred words). */
export function snapshotState(state: ShellState): ShellState {
  return { ...branchState(state), globals: state.globals.snapshot() };
}

/** What a branch left: the globals it wrote (their values at its end) and its own state. */
export interface BranchEnd {
  written: ReadonlyMap<string, VarValue | undefined>;
  state: ShellState;
}

/**
 * After `if`/`case`: a variable every branch left equal keeps its value; one that differs
 * becomes `differ(name)`, a value known only at run time. `state`, whose globals are back at
 * the start of the branches, takes the merged globals; the rest comes merged from the ends.
 */
export function mergeBranches(
  state: ShellState,
  ends: BranchEnd[],
  differ: (what: string, span: Span) => string,
  span: Span,
): ShellState {
  const vars = state.globals;
  // Each name reads only its own values: it can be set as soon as it is merged.
  for (const name of new Set(ends.flatMap((end) => [...end.written.keys()]))) {
    const values = ends.map((end) => (end.written.has(name) ? end.written.get(name) : vars.get(name)));
    const value = values.reduce((x, y) => mergeValue(name, x, y, differ, span));
    if (value !== vars.get(name)) vars.set(name, value!);
  }
  return ends.map((end) => end.state).reduce((a, b) => ({
    ...a,
    frames: a.frames.map((frame, i) => ({ ...frame, locals: mergeMaps(frame.locals, b.frames[i]?.locals ?? new Map(), differ, span) })),
    cwd: a.cwd === b.cwd ? a.cwd : differ('PWD', span),
  }));
}

function mergeMaps(
  a: Map<string, VarValue>,
  b: Map<string, VarValue>,
  differ: (what: string, span: Span) => string,
  span: Span,
): Map<string, VarValue> {
  const out = new Map<string, VarValue>();
  for (const name of new Set([...a.keys(), ...b.keys()])) out.set(name, mergeValue(name, a.get(name), b.get(name), differ, span));
  return out;
}

/** One variable as two branches left it. */
function mergeValue(
  name: string,
  x: VarValue | undefined,
  y: VarValue | undefined,
  differ: (what: string, span: Span) => string,
  span: Span,
): VarValue {
  // `if command -v podman ...; then ENGINE=podman; else ENGINE=docker; fi`, `DOCKER="sudo docker"` or
  // `DOCKER=docker`: either runs the same commands.
  const engine = typeof x === 'string' && typeof y === 'string' && isEngineCommand(x) && isEngineCommand(y);
  // `SUDO=""`, then `if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi`: `$SUDO docker ...` runs docker either way.
  const sudo = typeof x === 'string' && typeof y === 'string' && SUDO_OR_NOT.test(x) && SUDO_OR_NOT.test(y);
  return sameValue(x, y) || engine ? x! : sudo ? (x || y!) : differ(name, span);
}

const SUDO_OR_NOT = /^(sudo(\s+-[A-Za-z]+)*)?$/;

function sameValue(x: VarValue | undefined, y: VarValue | undefined): boolean {
  if (x === undefined || y === undefined) return false;
  if (Array.isArray(x) || Array.isArray(y)) {
    return Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => v === y[i]);
  }
  return x === y;
}
