import type { Command, ShellScript, Span, Stmt, Word } from '../parse/shell/ast.js';
import { wordParts } from '../parse/shell/word-parts.js';
import type { Removal } from './script-removal.js';

/** A variable the migrated script still reads, that only removed commands set. */
export interface OrphanedRead {
  name: string;
  /** The first read that stays. */
  read: Span;
  /** The first removed command that set it. */
  setBy: Span;
}

interface Mention {
  name: string;
  span: Span;
  sets: boolean;
}

/** Builtins that set the variables they name: `read -r VERSION`, `getopts ab opt`. */
const SETTERS = new Set(['read', 'getopts', 'mapfile', 'readarray']);

/**
 * `CID=$(docker create b)` goes, `docker logs "$CID"` stays: under `set -u` the migrated
 * script stops there, and without it the command reads an empty word.
 */
export function orphanedReads(script: ShellScript, removal: Removal): OrphanedRead[] {
  const ranges: Span[] = [...removal.statements, ...removal.inline];
  const removed = (span: Span): boolean => ranges.some((r) => r.start <= span.start && span.end <= r.end);
  const mentions: Mention[] = [];
  for (const stmt of script.stmts) visitStmt(stmt, mentions);
  const keptSet = new Set<string>();
  const firstSet = new Map<string, Span>();
  for (const m of mentions) {
    if (!m.sets) continue;
    if (!firstSet.has(m.name)) firstSet.set(m.name, m.span);
    if (!removed(m.span)) keptSet.add(m.name);
  }
  const orphans = new Map<string, OrphanedRead>();
  for (const m of mentions) {
    const setBy = firstSet.get(m.name);
    if (m.sets || !setBy || keptSet.has(m.name) || orphans.has(m.name) || removed(m.span)) continue;
    orphans.set(m.name, { name: m.name, read: m.span, setBy });
  }
  return [...orphans.values()];
}

function visitStmt(stmt: Stmt, out: Mention[]): void {
  // `docker build ... &` sets `$!`, which `wait "$!"` reads.
  if (stmt.background) out.push({ name: '!', span: stmt, sets: true });
  visitCommand(stmt.cmd, out);
  for (const redirect of stmt.redirects) if (redirect.target) visitWord(redirect.target, out);
}

function visitStmts(stmts: Stmt[], out: Mention[]): void {
  for (const stmt of stmts) visitStmt(stmt, out);
}

function visitCommand(cmd: Command, out: Mention[]): void {
  switch (cmd.type) {
    case 'call': {
      for (const assign of cmd.assigns) {
        for (const word of [assign.value, ...(assign.array ?? [])]) if (word) visitWord(word, out);
        // `VAR=v cmd` sets VAR for that command alone.
        if (cmd.args.length === 0) out.push({ name: assign.name, span: cmd, sets: true });
      }
      for (const word of cmd.args) visitWord(word, out);
      const name = cmd.args[0];
      if (name?.type === 'literal' && SETTERS.has(name.value)) {
        for (const word of cmd.args.slice(1)) if (word.type === 'literal' && /^[A-Za-z_]\w*$/.test(word.value)) out.push({ name: word.value, span: cmd, sets: true });
      }
      return;
    }
    case 'declare':
      for (const assign of cmd.assigns) {
        if (assign.value) visitWord(assign.value, out);
        if (!assign.naked) out.push({ name: assign.name, span: cmd, sets: true });
      }
      return;
    case 'binary':
      visitStmt(cmd.left, out);
      visitStmt(cmd.right, out);
      return;
    case 'if':
      visitStmts([...cmd.cond, ...cmd.then, ...cmd.else], out);
      return;
    case 'block':
    case 'subshell':
      visitStmts(cmd.stmts, out);
      return;
    case 'function':
      visitStmt(cmd.body, out);
      return;
    case 'for':
      if (cmd.variable) out.push({ name: cmd.variable, span: cmd, sets: true });
      for (const word of cmd.items ?? []) visitWord(word, out);
      visitStmts(cmd.body, out);
      return;
    case 'while':
      visitStmts([...cmd.cond, ...cmd.body], out);
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

function visitWord(word: Word, out: Mention[]): void {
  for (const part of wordParts(word)) {
    if (part.type === 'double-quoted') for (const inner of part.parts) visitWord(inner, out);
    else if (part.type === 'command-substitution') visitStmts(part.stmts, out);
    else if (part.type === 'param' && /^([A-Za-z_]|!$)/.test(part.name)) {
      // `${X:=default}` sets X. `${CID:-}` is written for an unset CID: the script still runs.
      const allowsUnset = part.operator !== null && /^:?[-+]$/.test(part.operator);
      if (!allowsUnset) out.push({ name: part.name, span: part, sets: part.operator === '=' || part.operator === ':=' });
      if (part.operand) visitWord(part.operand, out);
    }
  }
}
