import type { Command, ShellScript, Span, Stmt, Word } from '../parse/shell/ast.js';
import { partAt, partCount } from '../parse/shell/word-parts.js';
import type { Removal } from './script-removal.js';

/** A variable the migrated script still reads, that only removed commands set. */
export interface OrphanedRead {
  name: string;
  /** The first read that stays. */
  read: Span;
  /** The first removed command that set it. */
  setBy: Span;
}

/** Where the walk reports each variable it meets: set (`X=1`, `read X`, `${X:=1}`) or read. */
type Sink = (name: string, span: Span, sets: boolean) => void;

/** Builtins that set the variables they name: `read -r VERSION`, `getopts ab opt`. */
const SETTERS = new Set(['read', 'getopts', 'mapfile', 'readarray']);

/**
 * `CID=$(docker create b)` goes, `docker logs "$CID"` stays: under `set -u` the migrated
 * script stops there, and without it the command reads an empty word.
 */
export function orphanedReads(script: ShellScript, removal: Removal): OrphanedRead[] {
  const ranges: Span[] = [...removal.statements, ...removal.inline];
  const removed = (span: Span): boolean => ranges.some((r) => r.start <= span.start && span.end <= r.end);
  // First what goes: most scripts set nothing there, and then the rest is not looked at.
  const touched = script.stmts.filter((s) => ranges.some((r) => s.start <= r.start && r.end <= s.end));
  const goneNames = new Set<string>();
  visitStmts(touched, (name, span, sets) => {
    if (sets && removed(span)) goneNames.add(name);
  });
  if (goneNames.size === 0) return [];
  const keptSet = new Set<string>();
  const firstSet = new Map<string, Span>();
  visitStmts(script.stmts, (name, span, sets) => {
    if (!sets || !goneNames.has(name)) return;
    if (!firstSet.has(name)) firstSet.set(name, span);
    if (!removed(span)) keptSet.add(name);
  });
  const unset = new Set([...firstSet.keys()].filter((name) => !keptSet.has(name)));
  if (unset.size === 0) return [];
  const orphans = new Map<string, OrphanedRead>();
  visitStmts(script.stmts, (name, span, sets) => {
    if (sets || !unset.has(name) || orphans.has(name) || removed(span)) return;
    orphans.set(name, { name, read: span, setBy: firstSet.get(name)! });
  });
  return [...orphans.values()];
}

function visitStmt(stmt: Stmt, out: Sink): void {
  // `docker build ... &` sets `$!`, which `wait "$!"` reads.
  if (stmt.background) out('!', stmt, true);
  visitCommand(stmt.cmd, out);
  for (const redirect of stmt.redirects) if (redirect.target) visitWord(redirect.target, out);
}

function visitStmts(stmts: Stmt[], out: Sink): void {
  for (const stmt of stmts) visitStmt(stmt, out);
}

function visitCommand(cmd: Command, out: Sink): void {
  switch (cmd.type) {
    case 'call': {
      for (const assign of cmd.assigns) {
        if (assign.value) visitWord(assign.value, out);
        for (const word of assign.array ?? []) visitWord(word, out);
        // `VAR=v cmd` sets VAR for that command alone.
        if (cmd.args.length === 0) out(assign.name, cmd, true);
      }
      for (const word of cmd.args) visitWord(word, out);
      const name = cmd.args[0];
      if (name?.type === 'literal' && SETTERS.has(name.value)) {
        for (const word of cmd.args) if (word !== name && word.type === 'literal' && /^[A-Za-z_]\w*$/.test(word.value)) out(word.value, cmd, true);
      }
      return;
    }
    case 'declare':
      for (const assign of cmd.assigns) {
        if (assign.value) visitWord(assign.value, out);
        if (!assign.naked) out(assign.name, cmd, true);
      }
      return;
    case 'binary':
      visitStmt(cmd.left, out);
      visitStmt(cmd.right, out);
      return;
    case 'if':
      visitStmts(cmd.cond, out);
      visitStmts(cmd.then, out);
      visitStmts(cmd.else, out);
      return;
    case 'block':
    case 'subshell':
      visitStmts(cmd.stmts, out);
      return;
    case 'function':
      visitStmt(cmd.body, out);
      return;
    case 'for':
      if (cmd.variable) out(cmd.variable, cmd, true);
      for (const word of cmd.items ?? []) visitWord(word, out);
      visitStmts(cmd.body, out);
      return;
    case 'while':
      visitStmts(cmd.cond, out);
      visitStmts(cmd.body, out);
      return;
    case 'case':
      visitWord(cmd.word, out);
      for (const item of cmd.items) {
        for (const pattern of item.patterns) visitWord(pattern, out);
        visitStmts(item.stmts, out);
      }
      return;
    case 'other':
      return;
  }
}

function visitWord(word: Word, out: Sink): void {
  for (let i = 0; i < partCount(word); i++) {
    const part = partAt(word, i);
    if (part.type === 'double-quoted') for (const inner of part.parts) visitWord(inner, out);
    else if (part.type === 'command-substitution') visitStmts(part.stmts, out);
    else if (part.type === 'param' && /^([A-Za-z_]|!$)/.test(part.name)) {
      // `${X:=default}` sets X. `${CID:-}` is written for an unset CID: the script still runs.
      const allowsUnset = part.operator !== null && /^:?[-+]$/.test(part.operator);
      if (!allowsUnset) out(part.name, part, part.operator === '=' || part.operator === ':=');
      if (part.operand) visitWord(part.operand, out);
    }
  }
}
