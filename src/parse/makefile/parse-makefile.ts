import { MigrateError, type SourceLocation } from '../../errors.js';
import { evaluateCondition, parseDirective, type MakeCondition } from './make-conditional.js';
import { includedPaths } from './make-include.js';
import { evaluateMake, type MakeVariables } from './make-value.js';
import { assignVariable, ASSIGNMENT, DEFINE } from './make-assignment.js';

/**
 * The program make reads from a Makefile, as make reads it with an empty environment:
 * variables, rules, and each recipe line with its place. Conditionals select their branch,
 * `include`d files are read in place. Lines get one numbering across the files ("program
 * lines"): the Makefile's own lines first, under their own numbers, then each included
 * file's lines after them; `sourceOf` turns a program line back into `file:line`.
 */
export interface Makefile {
  /** The Makefile's own text and line starts. */
  text: string;
  lineStarts: number[];
  /** Every file read, the Makefile first, each with the program lines it takes. */
  sources: MakeSource[];
  /** Number of program lines. */
  lineCount: number;
  variables: MakeVariables;
  /** Variables `export`ed to the recipes' environment. */
  exported: Set<string>;
  rules: MakeRule[];
  /** `.ONESHELL:`: each recipe runs in one shell, not each of its lines in a shell of its own. */
  oneShell: boolean;
  /** Conditionals whose test depends on the environment or on `$(shell ...)`, in reading order. */
  environmentConditionals: EnvironmentConditional[];
}

export interface MakeSource {
  path: string;
  text: string;
  lineStarts: number[];
  /** Program line of the file's line 1, minus one. */
  offset: number;
  lineCount: number;
}

export interface EnvironmentConditional {
  /** Names this test among the tests make reads (`Makefile:12`, `ci.mk:3#2` the second time). */
  key: string;
  at: SourceLocation;
  condition: MakeCondition;
  /** What make's reading of the test depends on. */
  depends: string[];
  holds: boolean;
}

export interface MakeRule {
  targets: string[];
  prerequisites: string[];
  /** Program line of `target: prereqs`. */
  line: number;
  recipe: RecipeLine[];
}

export interface RecipeLine {
  /** First and last program line (a recipe line may continue with `\`). */
  line: number;
  endLine: number;
  /** The command as make passes it to the shell: prefix (`@`, `-`, `+`) and tab removed. */
  command: string;
  /** `-` in the prefix: make goes on when the command fails. */
  ignoresErrors?: boolean;
}

export interface MakefileOptions {
  /** Text of a repo-relative file, for `include`; undefined when there is none. */
  readText?: (path: string) => string | undefined;
  /** Keys of environment-dependent conditionals to read the other way. */
  flipped?: ReadonlySet<string>;
}

interface Branch {
  /** Lines of this branch are part of the program. */
  active: boolean;
  /** A branch of this conditional has been taken already. */
  taken: boolean;
  outerActive: boolean;
  sawElse: boolean;
  line: number;
}

const MAX_INCLUDE_DEPTH = 16;

export function parseMakefile(text: string, path = 'Makefile', options: MakefileOptions = {}): Makefile {
  const reader = new MakefileReader(options);
  try {
    reader.readFile(path, text, []);
  } catch (err) {
    // `$(x $(x $(x ...` thousands deep: no Makefile does that, and the stack ends first.
    if (err instanceof RangeError) throw new MigrateError('the Makefile nests too deep to read', reader.at);
    throw err;
  }
  return reader.out;
}

/** The file and line a program line comes from. */
export function sourceOf(makefile: Makefile, line: number): { source: MakeSource; line: number } {
  const source = makefile.sources.find((s) => line > s.offset && line <= s.offset + s.lineCount) ?? makefile.sources[0]!;
  // The line past every file (the one that runs the rules) stands for the Makefile's last.
  return { source, line: Math.min(line - source.offset, source.lineCount) };
}

export function lineStartsOf(text: string): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    starts.push(at);
    at += line.length + 1;
  }
  return starts;
}

class MakefileReader {
  readonly out: Makefile = { text: '', lineStarts: [], sources: [], lineCount: 0, variables: new Map(), exported: new Set(), rules: [], oneShell: false, environmentConditionals: [] };
  private rule: MakeRule | null = null;
  /** The line being read, for an error that has no line of its own. */
  at: SourceLocation = { file: 'Makefile', line: 1 };
  private readonly timesRead = new Map<string, number>();

  constructor(private readonly options: MakefileOptions) {}

  readFile(path: string, text: string, including: string[]): void {
    const lineStarts = lineStartsOf(text);
    const source: MakeSource = { path, text, lineStarts, offset: this.out.lineCount, lineCount: lineStarts.length };
    if (this.out.sources.length === 0) Object.assign(this.out, { text, lineStarts });
    this.out.sources.push(source);
    this.out.lineCount += source.lineCount;
    this.endRule();
    const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
    const branches: Branch[] = [];
    let define: { name: string; op: string; body: string[]; depth: number; line: number; active: boolean } | null = null;
    for (let i = 0; i < lines.length; i++) {
      let end = i;
      while (end < lines.length - 1 && /\\$/.test(lines[end]!) && define === null) end++;
      const physical = lines.slice(i, end + 1);
      const at = { file: path, line: i + 1 };
      this.at = at;
      const active = branches.every((b) => b.active);
      const logical = physical.map((l) => l.replace(/\\$/, '')).join(' ');
      i = end;
      if (define) {
        if (/^\s*(?:(?:export|override)\s+)*define(?:\s|$)/.test(logical)) define.depth++;
        if (/^\s*endef\s*(?:#.*)?$/.test(logical) && --define.depth === 0) {
          if (define.active) assignVariable(this.out.variables, define.name, define.op, define.body.join('\n'));
          define = null;
        } else {
          define.body.push(lines[i]!);
        }
        continue;
      }
      if (physical[0]!.startsWith('\t') && this.rule) {
        if (active) {
          const recipe: RecipeLine = { line: source.offset + at.line, endLine: source.offset + end + 1, command: recipeCommand(physical) };
          if (/^\t[@+\s]*-/.test(physical[0]!)) recipe.ignoresErrors = true;
          this.rule.recipe.push(recipe);
        }
        continue;
      }
      const directive = this.directive(logical, at);
      if (directive) {
        this.follow(directive, branches, at);
        continue;
      }
      const opensDefine = DEFINE.exec(logical.trim());
      if (opensDefine) {
        define = { name: opensDefine[2]!, op: opensDefine[3] ?? '=', body: [], depth: 1, line: at.line, active };
        if (active && /\bexport\b/.test(opensDefine[1] ?? '')) this.out.exported.add(opensDefine[2]!);
        continue;
      }
      if (!active || logical.trim() === '' || logical.trimStart().startsWith('#')) continue;
      this.endRule();
      this.statement(withoutMakeComment(logical.trim()), source, at, including);
    }
    if (define) throw new MigrateError('define without endef', { file: path, line: define.line });
    if (branches.length > 0) throw new MigrateError('conditional without endif', { file: path, line: branches.at(-1)!.line });
  }

  /** A line that is not a recipe line ends the rule's recipe. */
  private endRule(): void {
    this.rule = null;
  }

  private directive(logical: string, at: SourceLocation): ReturnType<typeof parseDirective> {
    try {
      return parseDirective(logical);
    } catch (err) {
      throw new MigrateError((err as Error).message, at);
    }
  }

  /** Opens, switches or closes a branch of a conditional. */
  private follow(directive: NonNullable<ReturnType<typeof parseDirective>>, branches: Branch[], at: SourceLocation): void {
    if (directive.kind === 'if') {
      const outerActive = branches.every((b) => b.active);
      const holds = outerActive && this.test(directive.condition, at);
      branches.push({ active: holds, taken: holds, outerActive, sawElse: false, line: at.line });
      return;
    }
    const branch = branches.at(-1);
    if (!branch) throw new MigrateError(`${directive.kind} without a conditional`, at);
    if (directive.kind === 'endif') {
      branches.pop();
      return;
    }
    if (branch.sawElse) throw new MigrateError('a second else in one conditional', at);
    branch.sawElse = directive.condition === null;
    const holds = branch.outerActive && !branch.taken && (directive.condition === null || this.test(directive.condition, at));
    branch.active = holds;
    branch.taken ||= holds;
  }

  /** A condition's value as make reads it, read the other way when asked to. */
  private test(condition: MakeCondition, at: SourceLocation): boolean {
    const name = `${at.file}:${at.line}`;
    const times = (this.timesRead.get(name) ?? 0) + 1;
    this.timesRead.set(name, times);
    const key = times === 1 ? name : `${name}#${times}`;
    const { holds, depends } = evaluateCondition(condition, this.out.variables);
    if (depends.length === 0) return holds;
    const read = this.options.flipped?.has(key) ? !holds : holds;
    this.out.environmentConditionals.push({ key, at, condition, depends, holds: read });
    return read;
  }

  private statement(text: string, source: MakeSource, at: SourceLocation, including: string[]): void {
    const include = /^(-include|sinclude|include)\s+(.*)$/.exec(text);
    if (include) {
      this.include(include[1] === 'include', include[2]!, at, [...including, source.path]);
      return;
    }
    const exported = /^(export|unexport)(?:\s+(.*))?$/.exec(text);
    if (exported && !ASSIGNMENT.test(text)) {
      const names = (exported[2] ?? '').split(/\s+/).filter(Boolean);
      for (const name of names) this.out.exported[exported[1] === 'export' ? 'add' : 'delete'](name);
      return;
    }
    const assignment = ASSIGNMENT.exec(text);
    if (assignment) {
      assignVariable(this.out.variables, assignment[2]!, assignment[3]!, assignment[4]!);
      if (/\bexport\b/.test(assignment[1] ?? '')) this.out.exported.add(assignment[2]!);
      return;
    }
    this.rule = addRule(this.out, text, source.offset + at.line);
  }

  private include(required: boolean, names: string, at: SourceLocation, including: string[]): void {
    for (const path of includedPaths(names, this.out.variables, at)) {
      const text = this.options.readText?.(path);
      if (text === undefined) {
        if (required) throw new MigrateError(`include ${path}: no such file in the repo`, at);
        continue;
      }
      if (including.includes(path)) throw new MigrateError(`include ${path}: the file includes itself`, at);
      if (including.length >= MAX_INCLUDE_DEPTH) throw new MigrateError(`include ${path}: includes nest deeper than ${MAX_INCLUDE_DEPTH} files`, at);
      this.readFile(path, text, including);
    }
    this.rule = null;
  }
}

/** Targets and prerequisites, expanded as make does when it reads the rule. */
function names(text: string, variables: MakeVariables): string[] {
  const value = evaluateMake(text, variables);
  return (value.depends.length === 0 ? value.text : text).trim().split(/\s+/).filter(Boolean);
}

function recipeCommand(physical: string[]): string {
  const joined = physical.map((l, k) => (k === 0 ? l.slice(1) : l.replace(/^\t/, ''))).join('\n');
  return joined.replace(/^[@+\-\s]*/, '');
}

function addRule(out: Makefile, logical: string, line: number): MakeRule | null {
  const colon = logical.search(/:(?!=)/);
  if (colon < 0) return null;
  const [head, inline] = logical.slice(colon + 1).replace(/^:/, '').split(';');
  const rule: MakeRule = {
    targets: names(logical.slice(0, colon), out.variables),
    prerequisites: names((head ?? '').split('|')[0]!, out.variables),
    line,
    recipe: inline !== undefined && inline.trim() !== '' ? [{ line, endLine: line, command: inline.trim() }] : [],
  };
  if (rule.targets.includes('.ONESHELL')) out.oneShell = true;
  if (rule.targets.every((t) => t.startsWith('.'))) return null; // .PHONY and friends
  out.rules.push(rule);
  return rule;
}

/**
 * `IMAGE := acme/app-builder # compile image`: make ends the value at the `#` (the blanks
 * before it stay), and `\#` is a `#`. A rule's recipe after `;` is the shell's, comment and all.
 */
export function withoutMakeComment(line: string): string {
  const at = line.search(/(^|[^\\])#/);
  if (at < 0) return line.replace(/\\#/g, '#');
  const start = line[at] === '#' ? at : at + 1;
  const before = line.slice(0, start);
  if (before.includes(';') && !ASSIGNMENT.test(before)) return line;
  return before.replace(/\\#/g, '#');
}
