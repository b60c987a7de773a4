import type { BinaryCommand, Command, Redirect, Stmt } from '../ast.js';
import { fitted } from './fitted.js';
import { giveUp } from './give-up.js';
import { TestClauseReader } from './test-clause.js';

/** Words that open or close compound commands, or start constructs this parser leaves alone. */
export const RESERVED = new Set(['}', 'then', 'elif', 'else', 'fi', 'do', 'done', 'esac', 'in', ']]', 'select', 'let', 'time', 'coproc', 'nameref']);

/** A statement and whether it ended with `;` or `&` (then the next needs no newline). */
interface Ended {
  stmt: Stmt;
  terminated: boolean;
}

/** Statement lists, and-or lists, pipelines and the statement terminators. */
export abstract class StatementReader extends TestClauseReader {
  /** A compound or simple command with its redirects, as one statement starting at `start`. */
  protected abstract commandStmt(start: number, negated: boolean): Stmt;

  protected substitutionBody(closer: ')' | '`'): Stmt[] {
    const stmts = this.list([]);
    if (this.at() !== closer) giveUp(`unclosed ${closer}`);
    this.pos++;
    return stmts;
  }

  /** Statements up to one of `stops` (reserved words), the enclosing closer, or the end. */
  list(stops: readonly string[]): Stmt[] {
    const stmts: Stmt[] = [];
    let separated = true;
    for (;;) {
      const newline = this.skipSeparators();
      if (this.atListEnd(stops)) return fitted(stmts);
      if (!separated && !newline) giveUp('statements not separated');
      const { stmt, terminated } = this.statement();
      stmts.push(stmt);
      separated = terminated;
    }
  }

  /**
   * The list after `then`, `do`, `else`...: a lone `;` makes it empty, and so may a newline
   * right after the keyword; otherwise it needs a statement.
   */
  followList(stops: readonly string[]): Stmt[] {
    this.skipBlanks();
    if (this.at() === ';' && !';&|'.includes(this.at(1) || 'x')) {
      this.pos++;
      this.skipBlanks();
      return [];
    }
    const newline = this.at() === '\n' || (this.at() === '#' && this.commentEndsLine());
    const stmts = this.list(stops);
    if (stmts.length === 0 && !newline) giveUp('empty list');
    return stmts;
  }

  private commentEndsLine(): boolean {
    return this.text.indexOf('\n', this.pos) >= 0;
  }

  private atListEnd(stops: readonly string[]): boolean {
    if (this.atEnd()) return true;
    const c = this.at();
    if (c === ')') return this.quote === 'subshell' || giveUp('stray )');
    if (c === '`' && this.inBackquote) return this.quote === 'backquote' || giveUp('backquote inside $(');
    if (c === ';') return (this.quote === 'case' && /;;|;&/y.test(this.text.slice(this.pos, this.pos + 2))) || giveUp('stray ;');
    const word = this.peekPlainWord();
    if (word === null) return false;
    if (stops.includes(word)) return true;
    if (RESERVED.has(word)) giveUp(`reserved word ${word}`);
    return false;
  }

  private statement(): Ended {
    const stmt = this.andOr();
    this.skipBlanks();
    const c = this.at();
    const next = this.at(1);
    if (c === ';' && next !== ';' && next !== '&' && next !== '|') return this.terminate(stmt, false);
    if (c === '&' && next !== '&' && next !== '>') return this.terminate(stmt, true);
    return { stmt, terminated: false };
  }

  private terminate(stmt: Stmt, background: boolean): Ended {
    this.pos++;
    stmt.background = background;
    stmt.end = this.pos;
    // A statement with no command is its terminator; a `[[ ]]` ends at its `]]`.
    if (stmt.cmd.type === 'other' && stmt.cmd.kind === 'empty') stmt.cmd.end = stmt.end;
    return { stmt, terminated: true };
  }

  /** `a && b || c`, left-associative; a `!` binds to each pipeline. */
  private andOr(): Stmt {
    const start = this.pos;
    let left = this.pipeline();
    for (;;) {
      this.skipBlanks();
      const op = this.startsWith('&&') ? '&&' : this.startsWith('||') ? '||' : null;
      if (op === null) return left;
      this.pos += 2;
      this.skipSeparators();
      const right = this.pipeline();
      left = this.binaryStmt(start, op, left, right, false);
    }
  }

  /** `! a | b |& c`: the negation belongs to the whole pipeline, which starts at the `!`. */
  private pipeline(): Stmt {
    const start = this.pos;
    const negated = this.peekPlainWord() === '!';
    if (negated) {
      this.pos++;
      this.skipBlanks();
      if (this.peekPlainWord() === '!') giveUp('double negation');
    }
    let left = this.commandStmt(start, negated);
    for (;;) {
      this.skipBlanks();
      if (this.at() !== '|' || this.at(1) === '|') return left;
      const op = this.at(1) === '&' ? '|&' : '|';
      this.pos += op.length;
      this.skipSeparators();
      if (this.peekPlainWord() === '!') giveUp('negation after a pipe');
      const right = this.commandStmt(this.pos, false);
      const wasNegated = left.negated;
      left.negated = false;
      left = this.binaryStmt(start, op, left, right, wasNegated);
    }
  }

  private binaryStmt(start: number, op: BinaryCommand['op'], left: Stmt, right: Stmt, negated: boolean): Stmt {
    const cmd: BinaryCommand = { type: 'binary', start: left.start, end: right.end, op, left, right };
    return this.makeStmt(start, cmd, [], negated);
  }

  /** A statement's span runs from its start to the end of its command or last redirect. */
  makeStmt(start: number, cmd: Command | null, redirects: Redirect[], negated: boolean): Stmt {
    let end = start + (negated ? 1 : 0);
    if (cmd) end = cmd.end;
    const last = redirects[redirects.length - 1];
    if (last && last.end > end) end = last.end;
    return { start, end, cmd: cmd ?? { type: 'other', start, end, kind: 'empty' }, redirects: fitted(redirects), background: false, negated };
  }
}
