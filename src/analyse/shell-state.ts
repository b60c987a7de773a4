import { isEngineCommand } from './engine-name.js';
import type { Span } from '../parse/shell/ast.js';
import type { Arg } from './events.js';

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
  globals: Map<string, VarValue>;
  frames: Frame[];
  cwd: string;
  /** `cd -` goes back here. */
  oldCwd: string;
  dirStack: string[];
}

export function cloneState(state: ShellState): ShellState {
  return {
    globals: new Map(state.globals),
    frames: state.frames.map((f) => ({ ...f, locals: new Map(f.locals), positional: [...f.positional], ...(f.args ? { args: [...f.args] } : {}) })),
    cwd: state.cwd,
    oldCwd: state.oldCwd,
    dirStack: [...state.dirStack],
  };
}

/**
 * After `if`/`case`: a variable both branches left equal keeps its value; one that differs
 * becomes `differ(name)`, a value known only at run time.
 */
export function mergeStates(
  a: ShellState,
  b: ShellState,
  differ: (what: string, span: Span) => string,
  span: Span,
): ShellState {
  const merged = cloneState(a);
  merged.globals = mergeMaps(a.globals, b.globals, differ, span);
  merged.frames = a.frames.map((frame, i) => ({
    ...frame,
    positional: frame.positional,
    locals: mergeMaps(frame.locals, b.frames[i]?.locals ?? new Map(), differ, span),
  }));
  if (a.cwd !== b.cwd) merged.cwd = differ('PWD', span);
  return merged;
}

function mergeMaps(
  a: Map<string, VarValue>,
  b: Map<string, VarValue>,
  differ: (what: string, span: Span) => string,
  span: Span,
): Map<string, VarValue> {
  const out = new Map<string, VarValue>();
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(name);
    const y = b.get(name);
    // `if command -v podman ...; then ENGINE=podman; else ENGINE=docker; fi`, `DOCKER="sudo docker"` or
    // `DOCKER=docker`: either runs the same commands.
    const engine = typeof x === 'string' && typeof y === 'string' && isEngineCommand(x) && isEngineCommand(y);
    // `SUDO=""`, then `if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi`: `$SUDO docker ...` runs docker either way.
    const sudo = typeof x === 'string' && typeof y === 'string' && SUDO_OR_NOT.test(x) && SUDO_OR_NOT.test(y);
    out.set(name, sameValue(x, y) || engine ? x! : sudo ? (x || y!) : differ(name, span));
  }
  return out;
}

const SUDO_OR_NOT = /^(sudo(\s+-[A-Za-z]+)*)?$/;

function sameValue(x: VarValue | undefined, y: VarValue | undefined): boolean {
  if (x === undefined || y === undefined) return false;
  if (Array.isArray(x) || Array.isArray(y)) {
    return Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => v === y[i]);
  }
  return x === y;
}
