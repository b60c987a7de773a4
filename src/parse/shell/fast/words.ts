import type { ParamExpansion, Stmt, Word, WordPart } from '../ast.js';
import { decodeAnsiC } from '../ansi-c.js';
import { makeWord } from '../word-parts.js';
import { arithmeticEnd } from './arithmetic.js';
import { Cursor, isNameChar, isNameStart } from './cursor.js';
import { fitted } from './fitted.js';
import { giveUp, UnclosedQuote } from './give-up.js';

/** Where a word is being read: it decides which characters end a literal. */
type Mode = 'word' | 'double-quoted' | 'operand';

/** Words and their parts: literals, quotes, `$x`, `${x...}`, `$(...)` and backquotes. */
export abstract class WordReader extends Cursor {
  /** The statements of `$(...)` or of a backquoted command, up to the closer. */
  protected abstract substitutionBody(closer: ')' | '`'): Stmt[];

  /** A word up to the next delimiter; gives up if there is none at the cursor. */
  readWord(): Word {
    const start = this.pos;
    const parts = this.readParts('word');
    if (parts.length === 0) giveUp('no word');
    return makeWord(start, this.pos, parts);
  }

  private readParts(mode: Mode): WordPart[] {
    if (this.endsParts(this.text.charCodeAt(this.pos), mode)) return [];
    const first = this.readPart(mode);
    // Most words are one part.
    if (this.endsParts(this.text.charCodeAt(this.pos), mode)) return [first];
    const parts: WordPart[] = [first];
    while (!this.endsParts(this.text.charCodeAt(this.pos), mode)) parts.push(this.readPart(mode));
    return fitted(parts);
  }

  private readPart(mode: Mode): WordPart {
    const c = this.text.charCodeAt(this.pos);
    if (c === 39 && mode === 'word') return this.afterQuoteOrExpansion(this.singleQuoted(), mode);
    if (c === 34 && mode !== 'double-quoted') return this.afterQuoteOrExpansion(this.doubleQuoted(), mode);
    if (c === 96) return this.afterQuoteOrExpansion(this.backquoted(), mode);
    if (c === 36) return this.afterQuoteOrExpansion(this.dollar(mode), mode);
    return this.literal(mode);
  }

  /** mvdan-sh reads a `#` right after a quote or an expansion (`"$x"#1`) as a comment; bash does not. */
  private afterQuoteOrExpansion(part: WordPart, mode: Mode): WordPart {
    if (mode === 'word' && this.text.charCodeAt(this.pos) === 35) giveUp('# after a quote or an expansion');
    return part;
  }

  private endsParts(c: number, mode: Mode): boolean {
    if (Number.isNaN(c)) return true;
    if (mode === 'word') return this.isDelimiter(this.pos);
    if (mode === 'double-quoted') return c === 34;
    return c === 125;
  }

  /** A run of plain characters; backslash escapes stay as written, continuations go. */
  private literal(mode: Mode): WordPart {
    const t = this.text;
    const start = this.pos;
    let value = '';
    let from = start;
    // mvdan-sh keeps a continuation that follows an escape (`\\\<newline>`) in the value.
    let escaped = false;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === 92) {
        const next = t.charCodeAt(this.pos + 1);
        if (next === 10 && mode === 'word' && this.pos > start && !escaped && this.continuationEndsWell()) {
          value += t.slice(from, this.pos);
          this.pos += 2;
          from = this.pos;
          continue;
        }
        if (Number.isNaN(next) || next === 10 || next === 13 || mode === 'operand') giveUp('backslash');
        this.pos += 2;
        escaped = true;
        continue;
      }
      if (Number.isNaN(c) || c === 36 || c === 96 || c === 34 || this.endsParts(c, mode)) break;
      if (c === 39 && mode !== 'double-quoted') break;
      // mvdan-sh starts a new literal at a `[` inside an unquoted word (`a[b]` is `a` and `[b]`).
      if (c === 91 && mode === 'word' && this.pos > start && t.charCodeAt(start) !== 91) break;
      if (mode === 'operand' && '\n{}()<>;&|'.includes(t.charAt(this.pos))) giveUp('odd operand');
      this.pos++;
    }
    if (this.pos === start) giveUp('empty literal');
    value += t.slice(from, this.pos);
    return { type: 'literal', value: this.intern(value), start, end: this.pos };
  }

  /** A continuation inside a word is only modelled when plain text or the word's end follows. */
  private continuationEndsWell(): boolean {
    const c = this.text.charCodeAt(this.pos + 2);
    return Number.isNaN(c) || c === 32 || c === 9 || c === 10 || (isNameChar(c) && c !== 95) || c === 45 || c === 46 || c === 47;
  }

  private singleQuoted(): WordPart {
    const start = this.pos;
    const close = this.text.indexOf("'", start + 1);
    if (close < 0) throw new UnclosedQuote("'", start);
    this.pos = close + 1;
    return { type: 'single-quoted', value: this.text.slice(start + 1, close), start, end: this.pos };
  }

  private doubleQuoted(): WordPart {
    const start = this.pos;
    this.pos++;
    const parts = this.nested(() => this.readParts('double-quoted'));
    if (this.atEnd()) throw new UnclosedQuote('"', start);
    if (this.text.charCodeAt(this.pos) !== 34) giveUp('unclosed double quote');
    this.pos++;
    return { type: 'double-quoted', parts, start, end: this.pos };
  }

  private backquoted(): WordPart {
    if (this.inBackquote) giveUp('nested backquotes');
    const start = this.pos;
    const close = this.text.indexOf('`', start + 1);
    if (close < 0 || this.text.slice(start, close).includes('\\')) giveUp('backquotes with escapes');
    this.pos++;
    const outer = this.quote;
    this.inBackquote = true;
    this.quote = 'backquote';
    try {
      const stmts = this.nested(() => this.substitutionBody('`'));
      return { type: 'command-substitution', stmts, start, end: this.pos };
    } finally {
      this.inBackquote = false;
      this.quote = outer;
    }
  }

  private dollar(mode: Mode): WordPart {
    const start = this.pos;
    const c = this.text.charCodeAt(start + 1);
    if (c === 123) return this.nested(() => this.bracedParam());
    if (c === 40) return this.commandSubstitution();
    if (c === 39 && mode === 'word') return this.ansiC();
    if (isNameStart(c)) {
      let end = start + 2;
      while (isNameChar(this.text.charCodeAt(end))) end++;
      return this.shortParam(start, end);
    }
    if ((c >= 48 && c <= 57) || '@*#?-$!'.includes(this.text.charAt(start + 1) || 'x')) return this.shortParam(start, start + 2);
    if (Number.isNaN(c) || c === 32 || c === 9 || c === 10 || (c === 34 && mode === 'double-quoted')) {
      this.pos++;
      return { type: 'literal', value: '$', start, end: this.pos };
    }
    return giveUp('odd dollar');
  }

  private shortParam(start: number, end: number): ParamExpansion {
    this.pos = end;
    return plainParam(start, end, this.intern(this.text.slice(start + 1, end)));
  }

  private commandSubstitution(): WordPart {
    const start = this.pos;
    if (this.text.charCodeAt(start + 2) === 40) return this.arithmeticExpansion();
    this.pos += 2;
    const outer = this.quote;
    this.quote = 'subshell';
    try {
      const stmts = this.nested(() => this.substitutionBody(')'));
      return { type: 'command-substitution', stmts, start, end: this.pos };
    } finally {
      this.quote = outer;
    }
  }

  /** `$((...))`: opaque to the analysis, like the full parser's tree has it. */
  private arithmeticExpansion(): WordPart {
    const start = this.pos;
    this.pos = arithmeticEnd(this.text, start + 3, ['))']) + 2;
    return { type: 'unsupported', kind: 'ArithmExp', start, end: this.pos };
  }

  private ansiC(): WordPart {
    const start = this.pos;
    let i = start + 2;
    for (; i < this.text.length && this.text.charCodeAt(i) !== 39; i++) if (this.text.charCodeAt(i) === 92) i++;
    if (i >= this.text.length) giveUp("unclosed $'");
    this.pos = i + 1;
    return { type: 'literal', value: decodeAnsiC(this.text.slice(start + 2, i)), start, end: this.pos };
  }

  /** `${...}`: plain, length, index, the operators with a word, and a few opaque forms. */
  private bracedParam(): ParamExpansion {
    const start = this.pos;
    this.pos += 2;
    const length = this.at() === '#' && /[A-Za-z_0-9@*]/.test(this.at(1));
    const excl = this.at() === '!' && /[A-Za-z_]/.test(this.at(1));
    if (length || excl) this.pos++;
    const name = this.paramName();
    const index = this.paramIndex();
    if (excl) return this.closeIndirection(start, name, index);
    const param = plainParam(start, start, name);
    param.length = length;
    param.index = index;
    if (!length) this.paramOperator(param);
    if (this.at() !== '}') giveUp('unclosed ${');
    this.pos++;
    param.end = this.pos;
    return param;
  }

  private paramName(): string {
    const t = this.text;
    const begin = this.pos;
    const c = t.charCodeAt(begin);
    if (isNameStart(c)) {
      while (isNameChar(t.charCodeAt(this.pos))) this.pos++;
    } else if (c >= 48 && c <= 57) {
      while (t.charCodeAt(this.pos) >= 48 && t.charCodeAt(this.pos) <= 57) this.pos++;
    } else if ('@*#?$'.includes(t.charAt(begin) || 'x') && t.charAt(begin + 1) === '}') {
      this.pos++;
    } else {
      giveUp('odd parameter name');
    }
    return this.intern(t.slice(begin, this.pos));
  }

  private paramIndex(): string | null {
    if (this.at() !== '[') return null;
    const m = /\[([0-9]+|[A-Za-z_][A-Za-z0-9_]*|[@*])\]/y;
    m.lastIndex = this.pos;
    const hit = m.exec(this.text);
    if (!hit) giveUp('odd index');
    this.pos = m.lastIndex;
    return hit[1]!;
  }

  private paramOperator(param: ParamExpansion): void {
    const op = /:[-=+?]|[-=+?]|%%|%|##|#|,,|,|\^\^|\^/y;
    op.lastIndex = this.pos;
    const hit = op.exec(this.text);
    if (hit) {
      this.pos = op.lastIndex;
      param.operator = hit[0];
      const start = this.pos;
      const parts = this.readParts('operand');
      param.operand = parts.length ? makeWord(start, this.pos, parts) : null;
      return;
    }
    // Replacements: plain pattern and text, with spaces, brackets and escaped characters.
    const opaque = /:[0-9]+(:[0-9]+)?(?=\})|\/[/#%]?(?:[A-Za-z0-9_.:*?@+=,~^!\[\] -]|\\[^\n])*(\/(?:[A-Za-z0-9_.:*?@+=,~^!\[\] -]|\\[^\n])*)?(?=\})/y;
    opaque.lastIndex = this.pos;
    if (opaque.exec(this.text)) {
      this.pos = opaque.lastIndex;
      param.complex = true;
    }
  }

  /** `${!x}`, `${!a[@]}`, `${!prefix*}`: opaque to the analysis. */
  private closeIndirection(start: number, name: string, index: string | null): ParamExpansion {
    const close = this.text.indexOf('}', this.pos);
    if (close < 0 || !/^[@*]?$/.test(this.text.slice(this.pos, close))) giveUp('odd ${!');
    if (index !== null && index !== '@' && index !== '*') giveUp('odd ${!a[i]}');
    this.pos = close + 1;
    const param = plainParam(start, this.pos, name);
    param.index = index;
    param.complex = true;
    return param;
  }
}

function plainParam(start: number, end: number, name: string): ParamExpansion {
  return { type: 'param', start, end, name, length: false, index: null, operator: null, operand: null, complex: false };
}
