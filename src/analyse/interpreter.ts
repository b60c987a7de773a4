import { MigrateError, type SourceLocation } from '../errors.js';
import type { Assign, CallCommand, Command, FunctionCommand, ParamExpansion, Redirect, ShellScript, Span, Stmt, Word } from '../parse/shell/ast.js';
import { CODES, finding, type Finding, type Severity } from '../warnings.js';
import { CallSite } from './call-site.js';
import type { CommandContext } from './command-context.js';
import { refersTo } from './container-ref.js';
import { runDocker } from './docker-command.js';
import { hereDocumentDockerfile, takeStdinDockerfile, type VariableRead } from './stdin-dockerfile.js';
import type { Arg, BuildEvent, CreateEvent, DefaultRead, DockerOtherEvent, OtherEvent, ScriptEvent, Site, StartContainerEvent } from './events.js';
import { expandFields, plainText, expandToString, type ExpansionScope } from './expand.js';
import { fileOperands } from './file-operands.js';
import { isHostFileCommand, runHostCommand } from './host-command.js';
import { resolveHostPath } from './paths.js';
import { branchState, lookupIn, mergeBranches, snapshotState, type BranchEnd, type ShellState, type VarValue } from './shell-state.js';
import { VarMap } from './var-map.js';
import { isPureCommand, pureCommandOutput } from './pure-commands.js';
import { parseAt, readTrap, type TrapHandler } from './trap-handler.js';
import { isStatic, REPO_ROOT, ValueTable } from './values.js';
import { rightRunsConditionally } from './test-guard.js';
import { partAt, partCount, wordParts } from '../parse/shell/word-parts.js';
import { engineFromEnvironment, namesEngine } from './engine-name.js';
import { writesContainerOutput } from './container-output.js';

const MAX_CALL_DEPTH = 32;
const NO_ENV: ReadonlyMap<string, VarValue> = new Map();
const MAX_LOOP_ITEMS = 64;

export interface Trace {
  events: ScriptEvent[];
  findings: Finding[];
  values: ValueTable;
  /** Each `trap` statement's handler, whose commands ran under it as the script ended. */
  handlers: Map<Stmt, Stmt[]>;
}

/**
 * Runs a build script in the mind: follows variables, the current folder, functions and
 * both branches of every `if`, and records what each command does. Never executes anything.
 */
export function interpret(script: ShellScript, scriptPath: string): Trace {
  const interpreter = new Interpreter(script, scriptPath);
  try {
    interpreter.runAll(script.stmts);
    interpreter.runTraps();
  } catch (err) {
    if (err instanceof RangeError) throw new MigrateError('the script nests too deep to analyse', { file: script.file, line: 1 });
    throw err;
  }
  return { events: interpreter.events, findings: interpreter.findings, values: interpreter.values, handlers: interpreter.handlers };
}

class Interpreter implements ExpansionScope {
  readonly values = new ValueTable();
  readonly events: ScriptEvent[] = [];
  readonly findings: Finding[] = [];
  private state: ShellState = { globals: new VarMap(), frames: [], cwd: REPO_ROOT, oldCwd: REPO_ROOT, dirStack: [] };
  private readonly functions = new Map<string, FunctionCommand>();
  private readonly stack: Stmt[] = [];
  private readonly assumed = new Set<string>();
  /** Every default taken, in order, and each read of a variable set from one: words note theirs by its length before and after. */
  private readonly defaultReads: DefaultRead[] = [];
  /** Variables the script exported (`export NAME`, or any set after `set -a`), which `docker run -e NAME` passes on. */
  private readonly exported = new Set<string>();
  private exportsAll = false;
  /** A branch being run has run `exit`. */
  private branchExited = false;
  /** Variables whose value came from a default (`PROFILE=${1:-release}`). */
  private readonly defaulted = new Map<string, DefaultRead[]>();
  private conditional = 0;
  private callDepth = 0;
  private containers = 0;
  /** Host files whose text is known, by path: an --iidfile a build wrote. */
  private readonly fileValues = new Map<string, string>();
  /** Collected stdout while inside `$(...)`; null outside. */
  private output: string[] | null = null;
  private stopped: 'return' | 'exit' | null = null;
  /** The handler set for each signal, and where: they run when the script ends. */
  private readonly traps = new Map<string, SetTrap>();
  readonly handlers = new Map<Stmt, Stmt[]>();
  private readonly handlerTrees = new Map<string, Stmt[] | null>();
  private readonly replacedTraps: SetTrap[] = [];
  private subshells = 0;
  /** The words of the call being run that expanded to no word at all. */
  private vanished: string[] = [];
  /** The call being run passes on the script's own arguments (`"$@"`), which are not known here. */
  private passesScriptArgs = false;
  /** `shift` outside a function: the script's own arguments, unknown, move on. */
  private scriptShifts = 0;

  constructor(
    private readonly script: ShellScript,
    /** Repo-relative path of the script. */
    private readonly scriptPath: string,
  ) {}

  runAll(stmts: Stmt[]): void {
    for (const stmt of stmts) {
      if (this.stopped) return;
      this.runStmt(stmt);
    }
  }

  private runStmt(stmt: Stmt): void {
    this.stack.push(stmt);
    const first = this.events.length;
    try {
      this.runCommand(stmt.cmd);
      this.recordStdin(stmt, first);
      this.recordWrites(stmt, first);
    } finally {
      this.stack.pop();
    }
  }

  private runCommand(cmd: Command): void {
    switch (cmd.type) {
      case 'call':
        return this.runCall(cmd);
      case 'binary':
        return this.runBinary(cmd.op, cmd.left, cmd.right);
      case 'if':
        return this.runBranches(cmd, cmd.cond, [cmd.then, cmd.else]);
      case 'case':
        expandToString(cmd.word, this);
        // Without a `*)` item, no branch may run at all.
        return this.runBranches(cmd, [], [
          ...cmd.items.map((item) => item.stmts),
          ...(cmd.items.some((item) => item.patterns.some((p) => p.type === 'literal' && p.value === '*')) ? [] : [[]]),
        ]);
      case 'block':
        return this.runAll(cmd.stmts);
      case 'subshell':
        return this.inSubshell(() => this.runAll(cmd.stmts));
      case 'function':
        this.functions.set(cmd.name, cmd);
        return;
      case 'for':
        return this.runFor(cmd.variable, cmd.items, cmd.body);
      case 'while':
        // The body may run no time at all.
        return this.runBranches(cmd, cmd.cond, [cmd.body, []]);
      case 'declare':
        return this.runDeclare(cmd.variant, cmd.assigns);
      case 'other':
        // `[[ ]]`, `(( ))`: no effect we model, but the statement is not ours to remove.
        this.emitOther(cmd.kind, cmd);
        return;
    }
  }

  /**
   * `docker build - < Dockerfile.build`, `{ ...; } < FILE`: the file the build reads as its
   * Dockerfile. A loop's input (`while read x; do ...; done < list`) is the loop's to read.
   */
  private recordStdin(stmt: Stmt, firstEvent: number): void {
    const input = stmt.redirects.findLast((r) => /^0?(<|<<-?)$/.test(r.op) && r.target);
    if (!input || !['call', 'block', 'subshell'].includes(stmt.cmd.type)) return;
    const feed = { start: input.start, end: input.end };
    if (input.op.includes('<<')) {
      // Most here-documents feed other commands (`cat <<EOF > app.conf`): read only one that feeds a build.
      const builds = this.events.slice(firstEvent).filter((e): e is BuildEvent => e.kind === 'build');
      if (builds.length === 0) return;
      const text = hereDocumentDockerfile(this.script, input, (name) => this.hereDocumentValue(name));
      for (const build of builds) takeStdinDockerfile(build, `${REPO_ROOT}/${this.scriptPath}`, feed, [], text);
      return;
    }
    const args = this.expandArgs([input.target!]);
    if (args.length !== 1 || !isStatic(args[0]!.value)) return;
    const path = resolveHostPath(this.state.cwd, args[0]!.value);
    for (const event of this.events.slice(firstEvent)) if (event.kind === 'build') takeStdinDockerfile(event, path, feed);
  }

  /**
   * `FROM golang:$GO_VERSION` in a here-document the shell expands: the value the script
   * gives the variable, which the stage then has written in. Not one from the environment,
   * nor a default the caller may override.
   */
  private hereDocumentValue(name: string): VariableRead {
    const mark = this.defaultReads.length;
    const value = this.lookup(name);
    const defaulted = this.defaultReads.length > mark;
    this.defaultReads.length = mark;
    if (value === undefined) return { problem: 'is not set by the script (the environment may set it)' };
    if (Array.isArray(value) || !isStatic(value)) return { problem: `is ${this.values.describe(String(value))}, only known when the script runs` };
    if (defaulted) return { problem: 'takes a default that the environment or the script\'s caller may override' };
    return { value };
  }

  /** `cat Dockerfile.build | docker build -f - .`: the same as `< Dockerfile.build`. */
  private pipeFileInto(left: Stmt, right: Stmt, firstEvent: number, rightEvents: number): void {
    if (left.cmd.type !== 'call' || left.redirects.length > 0 || left.cmd.assigns.length > 0 || left.cmd.args.length !== 2) return;
    // Words already expanded when `cat` ran are not expanded again: only plain ones are read.
    const [name, file] = left.cmd.args.map(plainText);
    if (name !== 'cat' || !file || file.startsWith('-')) return;
    const path = resolveHostPath(this.state.cwd, file);
    const via = this.events.slice(firstEvent, rightEvents);
    const feed = { start: left.start, end: right.start };
    for (const event of this.events.slice(rightEvents)) if (event.kind === 'build') takeStdinDockerfile(event, path, feed, via);
  }

  /** `cmd > file`: the script makes that file on the host (from a container's output, maybe). */
  private recordWrites(stmt: Stmt, firstEvent: number): void {
    for (const redirect of stmt.redirects) {
      const stdout = /^(1?>|1?>>|>\|)$/.test(redirect.op);
      // `&>> file`, `2> log`, `<> file` write the file too; `2>&1` names a descriptor, no file.
      if (!(stdout || /^(\d*>|\d*>>|&>|&>>|\d*>&|\d*<>)$/.test(redirect.op)) || !redirect.target) continue;
      const args = this.expandArgs([redirect.target]);
      if (args.length !== 1 || /^\/dev\//.test(args[0]!.value) || /^(\d+|-)$/.test(args[0]!.value)) continue;
      const path = resolveHostPath(this.state.cwd, args[0]!.value);
      this.fileValues.delete(path);
      if (stdout) for (const create of ranIn(this.events.slice(firstEvent))) create.stdout = { file: path };
      const writtenBy = this.events.slice(firstEvent).filter((e) => e.kind !== 'host-write');
      this.events.push({ kind: 'host-write', site: this.site(redirect), paths: [path], args, flags: [], writtenBy });
    }
  }

  private runBinary(op: string, left: Stmt, right: Stmt): void {
    const first = this.events.length;
    this.runStmt(left);
    if (this.stopped) return;
    if (op === '|') this.pipeInto(first, right);
    const middle = this.events.length;
    // `[ -n "$TAG" ] && PROFILE=release`: what the right side sets, it sets only in some runs.
    if (rightRunsConditionally(op, left) && this.mayChangeState(right)) this.runBranches(right, [], [[right]]);
    else if (rightRunsConditionally(op, left)) this.mayNotExit(() => this.inConditional(() => this.runStmt(right)));
    else this.runStmt(right);
    // `docker build ... |& tee build.log`: the reader of both streams goes with the command too.
    if (op === '|' || op === '|&') {
      const input = this.events.slice(first, middle);
      for (const event of this.events.slice(middle)) if (event.kind === 'other') event.input = input;
      this.pipeFileInto(left, right, first, middle);
      this.pipeOutputInto(first, middle);
    }
  }

  /** `docker run builder | docker build -t app -`: a build that reads a container's output on stdin. */
  private pipeOutputInto(firstEvent: number, rightEvents: number): void {
    const source = this.events.slice(firstEvent, rightEvents).findLast(writesContainerOutput);
    if (!source) return;
    for (const event of this.events.slice(rightEvents)) {
      if (event.kind === 'build' && !event.stdin && (event.context === '-' || event.dockerfile === '-')) event.streamedFrom = source;
    }
  }

  /**
   * Whether a statement may set a variable, the folder or a function: then a branch that may
   * not run is merged with the state before it. `|| exit 1`, `&& echo ok` need no copy of it.
   */
  private mayChangeState(stmt: Stmt): boolean {
    const cmd = stmt.cmd;
    switch (cmd.type) {
      case 'call': {
        const first = cmd.args[0];
        if (first === undefined || first.type !== 'literal') return true;
        return STATE_BUILTINS.has(first.value) || this.functions.has(first.value) || cmd.args.some(assignsDefault);
      }
      case 'binary':
        return this.mayChangeState(cmd.left) || this.mayChangeState(cmd.right);
      case 'block':
        return cmd.stmts.some((s) => this.mayChangeState(s));
      case 'subshell':
      case 'other':
        return false;
      default:
        return true;
    }
  }

  /** `docker run ... | tar -x`, `docker export c | tar -x`: note where the container's output went. */
  private pipeInto(firstEvent: number, right: Stmt): void {
    if (right.cmd.type !== 'call') return;
    const args = this.expandArgs(right.cmd.args);
    for (const create of ranIn(this.events.slice(firstEvent))) create.stdout = { pipe: args, cwd: this.state.cwd };
    for (const event of this.events.slice(firstEvent)) {
      if ((event.kind === 'copy-out' && event.dest === '-') || (event.kind === 'docker-other' && event.subcommand === 'export')) event.pipe = { args, cwd: this.state.cwd };
    }
  }

  /** Runs every branch from the same starting state, then merges what they left. */
  private runBranches(span: Span, cond: Stmt[], branches: Stmt[][]): void {
    this.runAll(cond);
    const start = branchState(this.state);
    const ends: BranchEnd[] = [];
    const outer = this.branchExited;
    for (const branch of branches) {
      this.state = branchState(start);
      this.branchExited = false;
      start.globals.mark();
      let written: ReadonlyMap<string, VarValue | undefined>;
      try {
        this.inConditional(() => this.runAll(branch));
      } finally {
        written = start.globals.undo();
      }
      if (this.stopped === 'exit') this.stopped = null;
      // A branch that ran `exit` leaves no state for what follows.
      if (!this.branchExited) ends.push({ written, state: this.state });
    }
    this.branchExited = outer;
    if (branches.length === 1) ends.push({ written: new Map(), state: start });
    // Every branch exits: what follows runs in none of them; merged all the same, as before.
    this.state = ends.length > 0 ? mergeBranches(start, ends, (what, at) => this.differs(what, at), span) : start;
  }

  private differs(what: string, span: Span): string {
    const at = this.at(span);
    return this.values.opaque({ kind: 'unknown', text: `$${what} (set differently by the branches at line ${this.script.lines.line(span.start)})`, at });
  }

  private runFor(variable: string | null, items: Word[] | null, body: Stmt[]): void {
    // `for f in src/*.scss`: the files that match are known only when the script runs.
    // `for arg in "$@"`: the script's own arguments, which a run may give (here read as none given).
    const frame = this.state.frames.at(-1);
    const scriptArgs = (!frame || frame.scriptArgs === true) && (items ?? []).some(namesAllArgs);
    const values = items === null || scriptArgs || items.some(isPathPattern) ? null : items.flatMap((w) => expandFields(w, this));
    if (values === null || values.length > MAX_LOOP_ITEMS || variable === null) {
      if (variable) this.assign(variable, this.values.opaque({ kind: 'unknown', text: `$${variable}`, at: this.at(body[0] ?? this.stack.at(-1)!) }));
      // `for arg in "$@"; do ... PROFILE=debug`: the body may run no time at all.
      this.runBranches(body[0] ?? this.stack.at(-1)!, [], [body]);
      return;
    }
    for (const value of values) {
      this.assign(variable, value);
      this.runAll(body);
      if (this.stopped) return;
    }
  }

  private runDeclare(variant: string, assigns: Assign[]): void {
    for (const assign of assigns) {
      if (variant === 'export') this.exported.add(assign.name);
      if (assign.naked) {
        if (variant === 'local' && this.state.frames.length > 0) this.state.frames.at(-1)!.locals.set(assign.name, '');
        continue;
      }
      if (variant !== 'local' || this.state.frames.length === 0) this.assignNoting(assign);
      else {
        // `local profile=$1`: the local carries on a default the caller's word took.
        const mark = this.defaultReads.length;
        this.state.frames.at(-1)!.locals.set(assign.name, this.assignedValue(assign));
        if (this.defaultReads.length > mark) this.defaulted.set(assign.name, this.defaultReads.slice(mark));
      }
    }
  }

  /** `PROFILE=${1:-release}`: the variable carries the default on to the words that read it. */
  private assignNoting(assign: Assign): void {
    const mark = this.defaultReads.length;
    this.assign(assign.name, this.assignedValue(assign));
    if (this.defaultReads.length > mark) this.defaulted.set(assign.name, this.defaultReads.slice(mark));
  }

  private assignedValue(assign: Assign): VarValue {
    if (assign.array) return assign.array.flatMap((w) => expandFields(w, this));
    const value = assign.value ? expandToString(assign.value, this) : '';
    if (!assign.append) return value;
    const before = this.lookup(assign.name);
    return Array.isArray(before) ? [...before, value] : `${before ?? ''}${value}`;
  }

  private runCall(cmd: CallCommand): void {
    if (cmd.args.length === 0) {
      for (const assign of cmd.assigns) this.assignNoting(assign);
      return;
    }
    // `VAR=v cmd` and `env VAR=v cmd` set VAR for that command alone.
    let env: Map<string, VarValue> | undefined;
    for (const assign of cmd.assigns) (env ??= new Map()).set(assign.name, this.assignedValue(assign));
    const expanded = this.expandArgs(cmd.args);
    const args = stripWrappers(expanded);
    if (args !== expanded) env = withEnvAssignments(expanded.slice(0, expanded.length - args.length), env);
    const frame = this.state.frames.at(-1);
    this.passesScriptArgs = (!frame || frame.scriptArgs === true) && cmd.args.some(namesAllArgs);
    // Only a docker command's words are kept: a long script's other calls need not be looked at.
    this.vanished = args[0] && namesEngine(args[0].value, this.values) ? this.vanishedWords(cmd.args, expanded) : [];
    this.dispatch(args, cmd, env ?? NO_ENV);
  }

  /** The words the innermost function was called with, while its positional values are still theirs. */
  private callerArgs(): Arg[] | null {
    const frame = this.state.frames.at(-1);
    if (!frame?.args || frame.args.length !== frame.positional.length) return null;
    return frame.args.every((a, i) => a.value === frame.positional[i]) ? frame.args : null;
  }

  /** Each word's fields, with the word each came from. */
  private expandArgs(words: Word[]): Arg[] {
    // `"$@"` in a function: the caller's own words, so that edits and defaults reach them.
    if (words.some(isQuotedAllArgs) && this.callerArgs()) return words.flatMap((w) => (isQuotedAllArgs(w) ? this.callerArgs()!.map((a) => ({ ...a })) : this.expandArgs([w])));
    let defaults: DefaultRead[][] | null = null;
    const fields: string[][] = [];
    for (let i = 0; i < words.length; i++) {
      const mark = this.defaultReads.length;
      fields.push(expandFields(words[i]!, this));
      if (this.defaultReads.length > mark) (defaults ??= [])[i] = this.defaultReads.slice(mark);
    }
    // Mostly a field a word: then the list is made at its size.
    const args = fields.every((values) => values.length === 1) ? words.map((word, i): Arg => ({ value: fields[i]![0]!, word, split: false })) : splitArgs(words, fields);
    if (defaults !== null) withDefaults(args, words, defaults);
    return args;
  }

  private dispatch(args: Arg[], span: Span, env: ReadonlyMap<string, VarValue>): void {
    const name = args[0]?.value;
    if (name === undefined) return;
    const rest = args.slice(1);
    const fn = this.functions.get(name);
    if (fn) return this.callFunction(fn, rest);
    const pure = isPureCommand(name) ? pureCommandOutput(name, rest.map((a) => a.value), this.state.cwd, this.values) : undefined;
    if (pure !== undefined) {
      if (this.output) this.output.push(pure);
      else this.emitMessage(name, span, rest);
      return;
    }
    if (this.runBuiltin(name, rest, span)) return;
    if (namesEngine(name, this.values)) {
      this.noteEngineVariable(name, span);
      const before = this.events.length;
      const printed = runDocker(rest, this.context(span, env));
      for (const event of this.events.slice(before)) {
        if (event.kind === 'start-container') this.linkStart(event);
        else if (event.kind === 'docker-other') this.notePrinted(event);
        else if (event.kind === 'build') {
          event.variableAt = this.variablesNow();
          if (this.passesScriptArgs) event.scriptArgs = true;
          event.otherWords.push(...this.vanished);
        }
      }
      if (this.output) this.output.push(printed);
      return;
    }
    if (isHostFileCommand(name)) return runHostCommand(name, rest, this.context(span));
    this.emitOther(name, span, fileOperands(name, rest).map((path) => resolveHostPath(this.state.cwd, path)), rest);
    if (this.output) this.output.push(this.knownFileText(name, rest) ?? this.opaqueOutput(span));
  }

  /** `$(cat build.iid)` after `docker build --iidfile build.iid`: the id of the image built there. */
  private knownFileText(name: string, rest: Arg[]): string | undefined {
    if (name !== 'cat' || rest.length !== 1 || rest[0]!.value.startsWith('-')) return undefined;
    return this.fileValues.get(resolveHostPath(this.state.cwd, rest[0]!.value));
  }

  /** `$DOCKER build ...` with DOCKER from the environment: said once, as a default is. */
  private noteEngineVariable(name: string, span: Span): void {
    const variable = engineFromEnvironment(name, this.values);
    if (variable === undefined || this.assumed.has(variable)) return;
    this.assumed.add(variable);
    this.warn(CODES.environmentDefault, 'info', `${variable} is not set by the script: read as the container engine (docker, or podman, which takes the same commands)`, span);
  }

  /**
   * `${EXTRA_FLAGS:-}`, empty here: words where flags go that the environment may fill.
   * `${NO_CACHE:+--no-cache}` is kept as written, for the flags it gives where it is set.
   */
  private vanishedWords(words: Word[], expanded: Arg[]): string[] {
    return words.filter((w) => !expanded.some((a) => a.word === w)).flatMap((w) => wordParts(w).flatMap((p) => {
      if (p.type !== 'param' || this.lookup(p.name) !== undefined || !/^[A-Za-z_]/.test(p.name)) return [];
      const ifSet = p.operator?.endsWith('+') && p.operand ? plainText(p.operand) : null;
      return [ifSet ? `\${${p.name}${p.operator}${ifSet}}` : `$${p.name}`];
    }));
  }

  /** The variables as they are now, the script's own arguments by how often they were shifted. */
  private variablesNow(): (name: string) => VarValue | undefined {
    const state = snapshotState(this.state);
    const shifts = this.scriptShifts;
    return (name) => {
      const frame = state.frames.at(-1);
      if (/^(\d+|[@*#])$/.test(name)) {
        if (!frame) return `$${name} of the script, shifted ${shifts} times`;
        if (name === '#') return String(frame.positional.length);
        return /^\d+$/.test(name) ? frame.positional[Number(name) - 1] ?? '' : frame.positional;
      }
      return lookupIn(state, name);
    };
  }

  private notePrinted(event: DockerOtherEvent): void {
    if (this.output) event.printsTo = 'value';
    else if (this.stack.at(-1)!.redirects.some(writesFile)) event.printsTo = 'file';
  }

  /**
   * `docker start -a x` after `docker create --name x IMAGE CMD`: the container ran CMD, as
   * `docker run` would have. Not when it may not run (in an `if`) or the script does not wait.
   */
  private linkStart(event: StartContainerEvent): void {
    if (!event.attached || event.site.conditional) return;
    for (const ref of event.containers) {
      const create = this.events.findLast((e): e is CreateEvent => e.kind === 'create' && refersTo(ref, e, this.values));
      if (!create || create.ran || !create.startable || create.site.conditional) continue;
      create.ran = true;
      create.run = create.startable;
      (event.started ??= []).push(create);
    }
  }

  /** Builtins that change the interpreter's state. Returns false for anything else. */
  private runBuiltin(name: string, args: Arg[], span: Span): boolean {
    switch (name) {
      case 'cd': {
        const target = args.find((a) => a.value === '-' || !a.value.startsWith('-'))?.value;
        const previous = this.state.cwd;
        this.state.cwd = target === '-' ? this.state.oldCwd : resolveHostPath(this.state.cwd, target ?? this.fromEnvironment('HOME', span));
        this.state.oldCwd = previous;
        break;
      }
      case 'pushd':
        this.state.dirStack.push(this.state.cwd);
        this.state.cwd = resolveHostPath(this.state.cwd, args[0]?.value ?? '.');
        break;
      case 'popd':
        this.state.cwd = this.state.dirStack.pop() ?? this.state.cwd;
        break;
      case 'shift': {
        const frame = this.state.frames.at(-1);
        const count = Number(args[0]?.value ?? 1) || 1;
        if (frame) {
          frame.positional.splice(0, count);
          frame.args?.splice(0, count);
        }
        else this.scriptShifts++;
        break;
      }
      case 'exit':
        if (this.conditional === 0 && this.output === null) this.stopped = 'exit';
        // `else echo "docker not found"; exit 1; fi`: the script goes on only from the other branches.
        else if (this.output === null && this.subshells === 0) this.branchExited = true;
        break;
      case 'return':
        if (this.conditional === 0 && this.callDepth > 0) this.stopped = 'return';
        return true;
      case 'source':
      case '.':
        this.warn(CODES.sourcedFile, 'warning', `${name} ${args[0]?.value ?? ''}: the sourced file is not followed; variables it sets are unknown here`, span);
        break;
      case 'trap':
        this.setTrap(args);
        return true;
      case 'set':
        // `set -- a b` gives the script other arguments.
        if (args.some((a) => a.value === '--') && this.state.frames.length === 0) this.scriptShifts++;
        // `set -a`, `set -ea`, `set -o allexport`: what is set from here on is exported; `set +a` ends it.
        for (const [i, arg] of args.entries()) {
          if (/^-[a-zA-Z]*a/.test(arg.value) || (arg.value === '-o' && args[i + 1]?.value === 'allexport')) this.exportsAll = true;
          if (/^\+[a-zA-Z]*a/.test(arg.value) || (arg.value === '+o' && args[i + 1]?.value === 'allexport')) this.exportsAll = false;
        }
        return true;
      case 'true':
      case ':':
      case 'unset':
      case 'umask':
        return true;
      default:
        return false;
    }
    this.emitOther(name, span);
    // `mkdir -p out && cd out`: the folder it enters must be there.
    if (name === 'cd' || name === 'pushd') (this.events.at(-1) as OtherEvent).enters = this.state.cwd;
    return true;
  }

  private callFunction(fn: FunctionCommand, args: Arg[]): void {
    if (this.callDepth >= MAX_CALL_DEPTH) return;
    this.callDepth++;
    this.state.frames.push({ locals: new Map(), positional: args.map((a) => a.value), args, ...(this.passesScriptArgs ? { scriptArgs: true } : {}) });
    try {
      this.runStmt(fn.body);
    } finally {
      this.state.frames.pop();
      this.callDepth--;
      if (this.stopped === 'return') this.stopped = null;
    }
  }

  private inSubshell(run: () => void): void {
    const saved = branchState(this.state);
    const stopped = this.stopped;
    this.subshells++;
    saved.globals.mark();
    try {
      run();
    } finally {
      this.subshells--;
      saved.globals.undo();
    }
    this.state = saved;
    this.stopped = stopped;
  }

  /** A trap set in a subshell runs when that subshell ends; that is not followed. */
  private setTrap(args: Arg[]): void {
    if (this.subshells > 0) return;
    const request = readTrap(args, this.script.text, (start, end) => {
      // Parsed once: a trap set in a loop or a function keeps the same statements.
      const key = `${start}:${end}`;
      if (!this.handlerTrees.has(key)) this.handlerTrees.set(key, parseAt(this.script.text, start, end, this.script.file));
      return this.handlerTrees.get(key)!;
    });
    if (request.kind === 'none') return;
    const set: SetTrap | null = request.kind === 'set'
      ? { handler: request.handler, stack: this.stack.slice(), conditional: this.conditional > 0, state: request.handler.expandedWhenSet ? snapshotState(this.state) : null }
      : null;
    if (set) this.handlers.set(this.stack.at(-1)!, set.handler.stmts);
    for (const signal of request.signals) {
      const replaced = this.traps.get(signal);
      if (set) this.traps.set(signal, set);
      else this.traps.delete(signal);
      // While it was set, a signal or a failing command may have run it; it runs, maybe, at the end.
      if (replaced && ![...this.traps.values()].includes(replaced)) this.replacedTraps.push(replaced);
    }
  }

  /**
   * Runs each trap's handler once, as the script ends, under the `trap` statement: what it
   * removes goes with that statement. Only the EXIT handler surely runs. Interrupted, the
   * script makes no image; so a handler for a signal changes no file the images read.
   */
  runTraps(): void {
    this.stopped = null;
    const exit = this.traps.get('EXIT');
    for (const set of new Set([...this.replacedTraps, ...this.traps.values()])) if (set !== exit) this.runHandler(set, false);
    if (exit) this.runHandler(exit, !exit.conditional);
  }

  private runHandler(set: SetTrap, surely: boolean): void {
    const stopped = this.stopped;
    const after = this.state;
    if (set.state) this.state = { ...snapshotState(set.state), cwd: after.cwd, oldCwd: after.oldCwd, dirStack: [...after.dirStack] };
    else this.state = snapshotState(after);
    const stack = this.stack.splice(0);
    this.stack.push(...set.stack);
    try {
      if (surely) this.runAll(set.handler.stmts);
      else this.mayNotExit(() => this.inConditional(() => this.runAll(set.handler.stmts)));
    } finally {
      this.stack.splice(0, this.stack.length, ...stack);
      // The handler ends the script: what it changes is not seen by what follows it.
      this.state = after;
      this.stopped = stopped;
    }
  }

  /** `[ -f app ] || exit 1`: an `exit` that runs only in some runs does not end the branch around it. */
  private mayNotExit(run: () => void): void {
    const outer = this.branchExited;
    run();
    this.branchExited = outer;
  }

  private inConditional(run: () => void): void {
    this.conditional++;
    try {
      run();
    } finally {
      this.conditional--;
    }
  }

  private emitOther(name: string, span: Span, paths?: string[], words?: Arg[]): void {
    const site = this.site(span);
    // Made whole: a field added later goes to a list of its own, one more object an event.
    const event: OtherEvent = paths && words ? { kind: 'other', site, name, paths, command: { words, cwd: this.state.cwd } } : { kind: 'other', site, name };
    if (this.output) event.valueOnly = true;
    if (name.includes('/')) event.program = resolveHostPath(this.state.cwd, name);
    this.events.push(event);
  }

  /** `echo "removing $CID"`: a message that names containers goes with their commands. */
  private emitMessage(name: string, span: Span, args: Arg[]): void {
    this.emitOther(name, span);
    if (!args.some((a) => a.value.includes('\uE001')) || this.stack.at(-1)!.redirects.some(writesFile)) return;
    const containers = args.flatMap((a) => a.value.match(/\uE001\d+\uE001/g) ?? []).filter((token) => this.values.whole(token)?.kind === 'container');
    if (containers.length > 0) (this.events.at(-1) as OtherEvent).containers = containers;
  }

  private opaqueOutput(span: Span): string {
    const text = this.script.text.slice(span.start, span.end);
    return this.values.opaque({ kind: 'unknown', text: `$(${text})`, at: this.at(span) }, `output:${text}`);
  }

  private context(span: Span, env: ReadonlyMap<string, VarValue> = NO_ENV): CommandContext {
    return {
      site: this.site(span),
      cwd: this.state.cwd,
      values: this.values,
      variable: (name) => env.get(name) ?? this.lookup(name),
      exported: (name) => this.exportedValue(name, env),
      emit: (event) => this.events.push(event),
      warn: (code, severity, message) => this.warn(code, severity, message, span),
      newContainerId: () => ++this.containers,
      writesValue: (path, value) => this.fileValues.set(path, value),
    };
  }

  private exportedValue(name: string, env: ReadonlyMap<string, VarValue>): { value: VarValue; defaults?: DefaultRead[]; own?: true } | undefined {
    const own = env.get(name);
    if (own !== undefined) return { value: own, own: true };
    if (!this.exported.has(name)) return undefined;
    const mark = this.defaultReads.length;
    const value = this.lookup(name);
    if (value === undefined) return undefined;
    return this.defaultReads.length > mark ? { value, defaults: this.defaultReads.slice(mark) } : { value };
  }

  private site(span: Span): Site {
    return new CallSite(this.stack.slice(), span, this.conditional > 0, this.locate);
  }

  private at(span: Span): SourceLocation {
    return this.locate(span.start);
  }

  /** Made once: every site keeps it, to find its location when asked. */
  private readonly locate = (index: number): SourceLocation => {
    const line = this.script.lines.line(index);
    const column = this.script.lines.column(index);
    const origin = this.script.origin?.(line);
    return origin ? { ...origin, column } : { file: this.script.file, line, column };
  }

  private warn(code: string, severity: Severity, message: string, span: Span): void {
    this.findings.push(finding(code, severity, this.at(span), message));
  }

  // ExpansionScope

  lookup(name: string): VarValue | undefined {
    if (this.defaulted.size > 0) {
      const reads = this.defaulted.get(name);
      if (reads) for (const read of reads) this.defaultReads.push({ ...read, via: name });
    }
    return lookupIn(this.state, name);
  }

  assign(name: string, value: VarValue): void {
    if (this.defaulted.size > 0) this.defaulted.delete(name);
    if (this.exportsAll) this.exported.add(name);
    for (let i = this.state.frames.length - 1; i >= 0; i--) {
      const frame = this.state.frames[i]!;
      if (frame.locals.has(name)) {
        frame.locals.set(name, value);
        return;
      }
    }
    this.state.globals.set(name, value);
  }

  positional(): string[] {
    return this.state.frames.at(-1)?.positional ?? [];
  }

  special(name: string, index: string | null): VarValue | undefined {
    if (name === '0' || (name === 'BASH_SOURCE' && (index === null || index === '0'))) return `${REPO_ROOT}/${this.scriptPath}`;
    if (name === 'PWD' && this.lookup('PWD') === undefined) return this.state.cwd;
    const frame = this.state.frames.at(-1);
    if (name === '@' || name === '*') {
      if (!frame) return this.fromEnvironment(name, this.stack.at(-1)!);
      for (const arg of this.callerArgs() ?? []) this.noteCallerDefaults(arg, name);
      return frame.positional;
    }
    if (name === '#') return frame ? String(frame.positional.length) : undefined;
    if (/^[1-9]\d*$/.test(name)) {
      if (!frame) return undefined;
      const arg = this.callerArgs()?.[Number(name) - 1];
      if (arg) this.noteCallerDefaults(arg, name);
      return frame.positional[Number(name) - 1] ?? '';
    }
    return undefined;
  }

  /** `extract "${PROFILE:-release}"`, then `$1` in `extract`: the default the caller's word took comes along. */
  private noteCallerDefaults(arg: Arg, name: string): void {
    if (arg.defaults) for (const read of arg.defaults) this.defaultReads.push({ ...read, via: name });
  }

  fromEnvironment(name: string, span: Span): string {
    // The script's own arguments: after a `shift` or `set --`, `$1` is another one.
    const key = /^(\d+|[@*#])$/.test(name) ? `env:${name}@${this.scriptShifts}` : `env:${name}`;
    return this.values.opaque({ kind: 'unknown', text: `$${name}`, at: this.at(span) }, key);
  }

  assumeDefault(name: string, value: string, span: Span, assigned: boolean, ifSet?: string | null): void {
    const read: DefaultRead = ifSet === undefined ? { name, value, at: this.at(span), via: name } : { name, value, at: this.at(span), via: name, ifSet };
    this.defaultReads.push(read);
    // `: ${PROFILE:=release}`: the variable is set to the default, and carries it on.
    if (assigned) this.defaulted.set(name, [read]);
    if (this.assumed.has(name) || /^\d+$/.test(name)) return;
    this.assumed.add(name);
    const shown = isStatic(value) ? `'${this.values.describe(value)}'` : this.values.describe(value);
    const used = ifSet === undefined ? `its default ${shown} is used` : `nothing is used where a run that sets it uses ${ifSet === null ? 'another value' : `'${ifSet}'`}`;
    this.warn(CODES.environmentDefault, 'info', `${name} is not set by the script: read as unset in the environment, so ${used}`, span);
  }

  substitute(stmts: Stmt[]): string {
    const saved = this.output;
    this.output = [];
    try {
      this.inSubshell(() => this.runAll(stmts));
      return this.output.join('');
    } finally {
      this.output = saved;
    }
  }

  unknown(span: Span): string {
    const text = this.script.text.slice(span.start, span.end);
    return this.values.opaque({ kind: 'unknown', text, at: this.at(span) }, `expr:${text}`);
  }
}

interface SetTrap {
  handler: TrapHandler;
  /** The statements around the `trap` command. */
  stack: Stmt[];
  conditional: boolean;
  /** The variables when the trap was set, for a handler whose text was expanded then. */
  state: ShellState | null;
}

/** `>> build.log`, not `>&2` or `> /dev/null`. */
function writesFile(redirect: Redirect): boolean {
  const target = redirect.target && wordParts(redirect.target)[0];
  return !redirect.op.endsWith('&') && !(target?.type === 'literal' && target.value.startsWith('/dev/'));
}

/** `"$@"`, `$*`: a word that passes on all the arguments. */
function namesAllArgs(word: Word): boolean {
  return hasParam(word, isAllArgs);
}

const isAllArgs = (param: ParamExpansion): boolean => param.name === '@' || param.name === '*';

/** `"$@"` and nothing else. */
function isQuotedAllArgs(word: Word): boolean {
  if (word.type !== 'double-quoted' || word.parts.length !== 1) return false;
  const part = word.parts[0]!;
  return part.type === 'param' && part.name === '@' && part.index === null && part.operator === null && !part.length;
}

/**
 * A `$x` of the word, bare or in double quotes, that passes the test. Asked of every word of
 * every command: it walks the parts by index and makes nothing.
 */
function hasParam(word: Word, test: (param: ParamExpansion) => boolean): boolean {
  for (let i = 0; i < partCount(word); i++) {
    const part = partAt(word, i);
    if (part.type === 'param' && test(part)) return true;
    if (part.type === 'double-quoted') for (const inner of part.parts) if (inner.type === 'param' && test(inner)) return true;
  }
  return false;
}

/** A word the shell expands to the names of matching files: an unquoted `*`, `?` or `[`. */
function isPathPattern(word: Word): boolean {
  return wordParts(word).some((part) => part.type === 'literal' && /[*?[]/.test(part.value));
}

/** `sudo docker ...`, `command docker ...`, `exec docker ...`: the command is what follows. */
function stripWrappers(args: Arg[]): Arg[] {
  let i = 0;
  while (i < args.length) {
    const name = args[i]!.value;
    if (name === 'command' || name === 'exec' || name === 'nohup' || name === 'time') i++;
    else if (name === 'timeout' || name === 'nice') i = afterTimeoutOrNice(args, i);
    else if (name === 'sudo' || name === 'env') {
      i++;
      while (i < args.length && (args[i]!.value.startsWith('-') || (name === 'env' && args[i]!.value.includes('=')))) {
        // `sudo -u ci docker ...`: these sudo flags take a value.
        if (name === 'sudo' && /^-[ugpCDhrtUT]$/.test(args[i]!.value)) i++;
        i++;
      }
    } else break;
  }
  return i === 0 ? args : args.slice(i);
}

/**
 * `timeout -k 10 600 docker build ...`, `nice -n 10 docker build ...`: the index of the command
 * after the options and, for timeout, the duration. A flag not known here ends the wrapper where it is.
 */
function afterTimeoutOrNice(args: Arg[], at: number): number {
  const timeout = args[at]!.value === 'timeout';
  let i = at + 1;
  while (i < args.length && args[i]!.value.startsWith('-') && args[i]!.value !== '--') {
    const flag = args[i]!.value;
    i += (timeout ? /^-[sk]$/ : /^-n$/).test(flag) ? 2 : 1;
  }
  if (args[i]?.value === '--') i++;
  return timeout ? i + 1 : i;
}

/** The assignments among the words of `env VAR=v ...` before the command, added to `env`. */
function withEnvAssignments(wrappers: Arg[], env: Map<string, VarValue> | undefined): Map<string, VarValue> | undefined {
  const from = wrappers.findIndex((a) => a.value === 'env');
  if (from < 0) return env;
  for (const { value } of wrappers.slice(from + 1)) {
    const eq = value.indexOf('=');
    if (eq > 0 && !value.startsWith('-')) (env ??= new Map()).set(value.slice(0, eq), value.slice(eq + 1));
  }
  return env;
}

/** The containers whose command these events ran: `docker run`, and what `docker start -a` started. */
function ranIn(events: ScriptEvent[]): CreateEvent[] {
  return events.flatMap((e) => (e.kind === 'create' && e.ran ? [e] : e.kind === 'start-container' ? e.started ?? [] : []));
}

function splitArgs(words: Word[], fields: string[][]): Arg[] {
  const args: Arg[] = [];
  words.forEach((word, i) => {
    const values = fields[i]!;
    for (const value of values) args.push({ value, word, split: values.length > 1 });
  });
  return args;
}

/** Builtins that change the shell's state: variables, the folder, the arguments. */
const STATE_BUILTINS = new Set(['cd', 'pushd', 'popd', 'set', 'shift', 'read', 'export', 'unset', 'source', '.', 'declare', 'local', 'readonly', 'typeset', 'eval', 'getopts', 'mapfile', 'readarray', 'printf', 'let', 'alias', 'trap']);

/** `${X:=default}` in a word sets X. */
function assignsDefault(word: Word): boolean {
  return hasParam(word, setsDefault);
}

const setsDefault = (param: ParamExpansion): boolean => param.operator?.endsWith('=') ?? false;

/** Each arg takes the defaults of the word it came from. */
function withDefaults(args: Arg[], words: Word[], defaults: DefaultRead[][]): void {
  for (const arg of args) {
    const taken = defaults[words.indexOf(arg.word)];
    if (taken) arg.defaults = taken;
  }
}
