import type { Assign, CaseCommand, Command, DeclareCommand, ForCommand, IfCommand, Redirect, Stmt, Word } from '../ast.js';
import { isValidName } from './cursor.js';
import { arithmeticEnd } from './arithmetic.js';
import { fitted } from './fitted.js';
import { heredocBody } from './heredoc.js';
import { giveUp } from './give-up.js';
import { RESERVED, StatementReader } from './statements.js';

const DECLARATIONS = new Set(['declare', 'local', 'export', 'readonly', 'typeset']);
const COMPOUND_STARTS = new Set(['{', 'if', 'while', 'until', 'for', 'case']);
const ASSIGNMENT = /([A-Za-z_][A-Za-z0-9_]*)(\+?)=/y;
const INDEXED_NAME = /[A-Za-z_][A-Za-z0-9_]*\[/y;
/** `{=[a`, `!=a[b`: mvdan-sh reads an assignment to the name `{` or `!` in these. */
const ODD_ARRAY_ASSIGNMENT = /(?:[^\s=;&|<>()\\]|\\.)*=(?:[^\s;&|<>()\\]|\\.)*\[/y;
const REDIRECT_OP = /[0-9]*(&>>|&>|<<<|<<-|<<|<>|<&|<\(|<|>>|>&|>\||>\(|>)/y;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function matchAt(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

/** As matchAt, for a yes or no: `test` builds no match array. */
function testAt(re: RegExp, text: string, pos: number): boolean {
  re.lastIndex = pos;
  return re.test(text);
}

/** Commands: simple ones with assignments and redirects, declarations, and the compound ones. */
export class CommandReader extends StatementReader {
  protected commandStmt(start: number, negated: boolean): Stmt {
    this.skipBlanks();
    const word = this.peekPlainWord();
    // `a | fi`, `a && time b`: a reserved word after `|`, `&&`, `||` or `!` is not a command name.
    if (word !== null && RESERVED.has(word)) giveUp(`reserved word ${word}`);
    if (word !== null && (COMPOUND_STARTS.has(word) || word === 'function' || DECLARATIONS.has(word))) {
      const cmd = this.nested(() => this.keywordCommand(word));
      return this.makeStmt(start, cmd, this.trailingRedirects(), negated);
    }
    if (this.startsWith('((')) {
      const cmd = this.arithmeticCommand();
      return this.makeStmt(start, cmd, this.trailingRedirects(), negated);
    }
    if (this.at() === '(') {
      const cmd = this.nested(() => this.subshell());
      return this.makeStmt(start, cmd, this.trailingRedirects(), negated);
    }
    if (word === '[[') {
      const cmd = this.nested(() => this.testClause());
      return this.makeStmt(start, cmd, this.trailingRedirects(), negated);
    }
    const redirects: Redirect[] = [];
    const cmd = this.simpleCommand(start, redirects);
    if (cmd === null && redirects.length === 0) giveUp('no command');
    return this.makeStmt(start, cmd, redirects, negated);
  }

  private keywordCommand(word: string): Command {
    const start = this.pos;
    if (word === '{') return this.block();
    if (word === 'if') return this.ifClause();
    if (word === 'while' || word === 'until') return this.whileClause(word);
    if (word === 'for') return this.forClause();
    if (word === 'case') return this.caseClause();
    if (word === 'function') return this.functionKeyword();
    this.pos += word.length;
    return this.declaration(start, word);
  }

  private trailingRedirects(): Redirect[] {
    const redirects: Redirect[] = [];
    for (;;) {
      this.skipBlanks();
      if (!this.atRedirect()) return redirects;
      redirects.push(this.redirect());
    }
  }

  /** The end of a simple command's words: a terminator, a comment, or the enclosing closer. */
  private atCommandEnd(): boolean {
    if (this.atEnd()) return true;
    const c = this.at();
    if (c === '\n' || c === ';' || c === '|' || c === '#') return true;
    if (c === '&') return this.at(1) !== '>';
    if (c === ')') return this.quote === 'subshell' || giveUp('stray )');
    return c === '`' && this.inBackquote;
  }

  private atRedirect(): boolean {
    const c = this.at();
    if (c === '<' || c === '>' || (c === '&' && this.at(1) === '>')) return true;
    let i = this.pos;
    while (isDigit(this.text.charCodeAt(i))) i++;
    const next = this.text.charCodeAt(i);
    return i > this.pos && (next === 60 || next === 62);
  }

  private redirect(): Redirect {
    const start = this.pos;
    const hit = matchAt(REDIRECT_OP, this.text, start);
    if (!hit) giveUp('odd redirect');
    const op = hit[1]!;
    if (op === '<(' || op === '>(') giveUp('process substitution');
    const opPos = REDIRECT_OP.lastIndex - op.length;
    this.pos = REDIRECT_OP.lastIndex;
    this.skipBlanks();
    if (this.isDelimiter(this.pos) || this.at() === '#') giveUp('redirect without a word');
    const wordStart = this.pos;
    const target = this.readWord();
    const end = op === '<<' || op === '<<-' ? this.heredocEnd(target, op === '<<-') : this.pos;
    return { op: this.text.slice(opPos, wordStart).trim(), target, start, end };
  }

  /** Where a heredoc redirect ends for mvdan-sh: past its body's closing line, unless the body is empty. */
  private heredocEnd(target: Word, stripTabs: boolean): number {
    if (this.inBackquote) giveUp('heredoc in backquotes');
    const body = heredocBody(this.text, this.pos, this.text.slice(target.start, target.end), stripTabs);
    if (body === null) giveUp('heredoc');
    this.skipAtNewline(body.lineEnd, body.end);
    return body.empty ? this.pos : body.end;
  }

  private simpleCommand(start: number, redirects: Redirect[]): Command | null {
    const assigns: Assign[] = [];
    const args: Word[] = [];
    for (;;) {
      this.skipBlanks();
      if (this.atCommandEnd()) break;
      if (this.at() === '(') return this.functionAfterName(start, assigns, args, redirects);
      if (this.atRedirect()) redirects.push(this.redirect());
      else if (args.length === 0 && testAt(ASSIGNMENT, this.text, this.pos)) assigns.push(this.assignment());
      else if (args.length === 0 && testAt(INDEXED_NAME, this.text, this.pos)) giveUp('indexed assignment');
      else if (args.length === 0 && testAt(ODD_ARRAY_ASSIGNMENT, this.text, this.pos)) giveUp('odd assignment');
      else args.push(this.argument());
    }
    if (args.length > 0 && assigns.some((a) => a.array)) giveUp('inline array');
    if (assigns.length === 0 && args.length === 0) return null;
    const first = assigns[0]?.start ?? args[0]!.start;
    const last = args.length ? args[args.length - 1]!.end : assigns[assigns.length - 1]!.end;
    return { type: 'call', start: first, end: last, assigns: fitted(assigns), args: fitted(args) };
  }

  /** A word; one that ends in digits right before `<` or `>` would be read differently. */
  private argument(): Word {
    const word = this.readWord();
    const c = this.at();
    if ((c === '<' || c === '>') && /[0-9]$/.test(this.text.slice(word.start, word.end))) giveUp('digits before a redirect');
    return word;
  }

  private assignment(): Assign {
    const start = this.pos;
    const hit = matchAt(ASSIGNMENT, this.text, start)!;
    const name = this.intern(hit[1]!);
    const append = hit[2] === '+';
    this.pos = ASSIGNMENT.lastIndex;
    if (this.at() === '(') {
      const array = this.nested(() => this.arrayElements());
      return { name, append, naked: false, start, end: this.pos, value: null, array };
    }
    if (this.isDelimiter(this.pos)) return { name, append, naked: false, start, end: start + name.length + 1, value: null, array: null };
    const value = this.readWord();
    return { name, append, naked: false, start, end: this.pos, value, array: null };
  }

  private arrayElements(): Word[] {
    this.pos++;
    const elems: Word[] = [];
    for (;;) {
      this.skipSeparators();
      if (this.at() === ')') break;
      if (this.at() === '[' || this.isDelimiter(this.pos)) giveUp('odd array element');
      elems.push(this.readWord());
    }
    this.pos++;
    return elems;
  }

  /** `export A=1 B -x`: names and assignments; flags count for the span only. */
  private declaration(start: number, variant: string): DeclareCommand {
    const assigns: Assign[] = [];
    let end = this.pos;
    for (;;) {
      this.skipBlanks();
      if (this.atCommandEnd() || this.atRedirect()) break;
      if (this.at() === '(') giveUp('( in a declaration');
      if (testAt(ASSIGNMENT, this.text, this.pos)) {
        const assign = this.assignment();
        assigns.push(assign);
        end = assign.end;
        continue;
      }
      if (testAt(INDEXED_NAME, this.text, this.pos)) giveUp('indexed declaration');
      if (/^[^$'"`\s;&|<>()]+=/.test(this.text.slice(this.pos, this.pos + 200))) giveUp('invalid name');
      const plain = this.peekPlainWord();
      if (plain !== null && isValidName(plain)) {
        assigns.push({ start: this.pos, end: this.pos + plain.length, name: plain, append: false, value: null, array: null, naked: true });
        this.pos += plain.length;
        end = this.pos;
        continue;
      }
      const word = this.readWord();
      // `export a\ =b`: mvdan-sh reads a name before the `=` and finds it invalid.
      if (/^[^=]*\\[^=]*=/.test(this.text.slice(word.start, word.end))) giveUp('invalid name');
      end = word.end;
    }
    return { type: 'declare', start, end, variant, assigns };
  }

  /** `name() body`: only a plain name alone before the parenthesis. */
  private functionAfterName(start: number, assigns: Assign[], args: Word[], redirects: Redirect[]): Command {
    const name = args[0];
    if (args.length !== 1 || assigns.length || redirects.length || name!.start !== start) giveUp('( in a command');
    const text = this.text.slice(name!.start, name!.end);
    if (!/^[A-Za-z_][A-Za-z0-9_.:-]*$/.test(text)) giveUp('odd function name');
    this.pos++;
    this.skipBlanks();
    this.expect(')');
    return this.nested(() => this.functionBody(start, text));
  }

  private functionKeyword(): Command {
    const start = this.pos;
    this.pos += 'function'.length;
    this.skipBlanks();
    const name = this.peekPlainWord();
    if (name === null || !/^[A-Za-z_][A-Za-z0-9_.:-]*$/.test(name)) giveUp('odd function name');
    this.pos += name.length;
    this.skipBlanks();
    if (this.at() === '(') {
      this.pos++;
      this.skipBlanks();
      this.expect(')');
    }
    return this.functionBody(start, name);
  }

  private functionBody(start: number, name: string): Command {
    this.skipSeparators();
    const word = this.peekPlainWord();
    const compound = (word !== null && COMPOUND_STARTS.has(word)) || (this.at() === '(' && this.at(1) !== '(');
    if (!compound) giveUp('function body is not compound');
    const body = this.commandStmt(this.pos, false);
    this.skipBlanks();
    if (this.at() === '|' || this.startsWith('&&')) giveUp('function body in a list');
    return { type: 'function', start, end: body.end, name, body };
  }

  private block(): Command {
    const start = this.pos;
    this.pos++;
    const stmts = this.list(['}']);
    this.keyword('}');
    return { type: 'block', start, end: this.pos, stmts };
  }

  private subshell(): Command {
    const start = this.pos;
    if (this.at(1) === '(' || this.at(1) === ')') giveUp('arithmetic command or ()');
    this.pos++;
    const outer = this.quote;
    this.quote = 'subshell';
    const stmts = this.list([]);
    this.quote = outer;
    if (this.at() !== ')') giveUp('unclosed (');
    this.pos++;
    return { type: 'subshell', start, end: this.pos, stmts };
  }

  /** Expects the reserved word at the cursor; returns its position. */
  private keyword(word: string): number {
    if (this.peekPlainWord() !== word) giveUp(`expected ${word}`);
    const at = this.pos;
    this.pos += word.length;
    return at;
  }

  /** `if`, any `elif`s and an `else`: the elifs nest in the else branches and share the `fi`. */
  private ifClause(): Command {
    const clauses: { start: number; cond: Stmt[]; then: Stmt[] }[] = [];
    let elseStmts: Stmt[] = [];
    let word = 'if';
    while (word === 'if' || word === 'elif') {
      const start = this.keyword(word);
      const cond = this.followList(['then']);
      this.keyword('then');
      const then = this.followList(['fi', 'elif', 'else']);
      clauses.push({ start, cond, then });
      word = this.peekPlainWord() ?? '';
    }
    if (word === 'else') {
      this.keyword('else');
      elseStmts = this.followList(['fi']);
    }
    const end = this.keyword('fi') + 2;
    let cmd: IfCommand | null = null;
    for (let i = clauses.length - 1; i >= 0; i--) {
      const { start, cond, then } = clauses[i]!;
      const otherwise: Stmt[] = cmd ? [{ start: cmd.start, end: cmd.end, cmd, redirects: [], background: false, negated: false }] : elseStmts;
      cmd = { type: 'if', start, end, cond, then, else: otherwise };
    }
    return cmd!;
  }

  private whileClause(word: string): Command {
    const start = this.keyword(word);
    const cond = this.followList(['do']);
    this.keyword('do');
    const body = this.followList(['done']);
    const end = this.keyword('done') + 4;
    return { type: 'while', start, end, cond, body };
  }

  /** `(( n++ ))`: opaque to the analysis. */
  private arithmeticCommand(): Command {
    const start = this.pos;
    this.pos = arithmeticEnd(this.text, start + 2, ['))']) + 2;
    return { type: 'other', start, end: this.pos, kind: 'ArithmCmd' };
  }

  private forClause(): ForCommand {
    const start = this.keyword('for');
    this.skipBlanks();
    if (this.startsWith('((')) return this.cStyleFor(start);
    const variable = this.peekPlainWord();
    if (variable === null || !isValidName(variable)) giveUp('odd for loop');
    this.pos += variable.length;
    const items = this.forItems();
    this.keyword('do');
    const body = this.followList(['done']);
    const end = this.keyword('done') + 4;
    return { type: 'for', start, end, variable, items, body };
  }

  /** `for ((i = 0; i < n; i++)); do`: the loop variable and its values are not followed. */
  private cStyleFor(start: number): ForCommand {
    this.pos += 2;
    for (const stop of [';', ';', '))']) {
      this.skipSpaces();
      if (!this.startsWith(stop)) this.pos = arithmeticEnd(this.text, this.pos, [stop]);
      this.pos += stop.length;
    }
    this.skipBlanks();
    if (this.at() === ';') this.pos++;
    this.skipSeparators();
    this.keyword('do');
    const body = this.followList(['done']);
    const end = this.keyword('done') + 4;
    return { type: 'for', start, end, variable: null, items: null, body };
  }

  private forItems(): Word[] | null {
    this.skipBlanks();
    if (this.at() === ';') {
      this.pos++;
      this.skipSeparators();
      return null;
    }
    this.skipSeparators();
    if (this.peekPlainWord() !== 'in') return null;
    this.pos += 2;
    const items: Word[] = [];
    for (;;) {
      this.skipBlanks();
      if (this.atEnd() || '\n;#'.includes(this.at())) break;
      if (this.isDelimiter(this.pos)) giveUp('odd for list');
      items.push(this.readWord());
    }
    if (this.at() === ';') this.pos++;
    this.skipSeparators();
    return items;
  }

  private caseClause(): CaseCommand {
    const start = this.keyword('case');
    this.skipBlanks();
    const word = this.readWord();
    this.skipSeparators();
    this.keyword('in');
    const items: CaseCommand['items'] = [];
    this.skipSeparators();
    while (this.peekPlainWord() !== 'esac') {
      const patterns = this.casePatterns();
      const outer = this.quote;
      this.quote = 'case';
      const stmts = this.list(['esac']);
      this.quote = outer;
      items.push({ patterns, stmts });
      const op = matchAt(/;;&|;;|;&/y, this.text, this.pos);
      if (!op) break;
      this.pos += op[0].length;
      this.skipSeparators();
    }
    const end = this.keyword('esac') + 4;
    return { type: 'case', start, end, word, items };
  }

  private casePatterns(): Word[] {
    if (this.atEnd()) giveUp('unclosed case');
    if (this.at() === '(') this.pos++;
    const patterns: Word[] = [];
    for (;;) {
      this.skipBlanks();
      patterns.push(this.readWord());
      this.skipBlanks();
      const c = this.at();
      this.pos++;
      if (c === ')') return patterns;
      if (c !== '|' || this.at() === '|') giveUp('odd case pattern');
    }
  }
}
