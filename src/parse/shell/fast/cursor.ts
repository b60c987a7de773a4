import type { Comment } from '../ast.js';
import { giveUp } from './give-up.js';

/** What the innermost enclosing construct is, as far as ending words and lists goes. */
export type Quote = 'none' | 'subshell' | 'backquote' | 'case';

/** Deeper than this, the script is refused: no build script nests like that. */
export const MAX_NESTING = 100;

export class TooDeep {}

/**
 * Reading position over the script text, with the lexical rules shared by words and
 * statements: blanks, line continuations, comments and word delimiters.
 */
export class Cursor {
  pos = 0;
  quote: Quote = 'none';
  inBackquote = false;
  readonly comments: Comment[] = [];
  /** For the newline ending a line with a heredoc operator: where reading resumes, past the body. */
  private readonly heredocs = new Map<number, number>();
  /** Each text the tree keeps, once: see `intern`. */
  private readonly strings = new Map<string, string>();
  private depth = 0;

  constructor(readonly text: string) {
  }

  /**
   * The one string for this text. A long script repeats its words (`echo`, `-f`, `$VERSION`)
   * and the tree keeps them all: one string each rather than one a use.
   */
  intern(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    this.strings.set(text, text);
    return text;
  }

  at(offset = 0): string {
    return this.text.charAt(this.pos + offset);
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  /** Runs `read` one level deeper, refusing scripts that nest beyond MAX_NESTING. */
  nested<T>(read: () => T): T {
    if (++this.depth > MAX_NESTING) throw new TooDeep();
    try {
      return read();
    } finally {
      this.depth--;
    }
  }

  /** Spaces, tabs, the CR of a CRLF, and backslash-newline continuations. */
  skipBlanks(): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 9) this.pos++;
      else if (c === 13 && t.charCodeAt(this.pos + 1) === 10) this.pos++;
      else if (c === 92 && t.charCodeAt(this.pos + 1) === 10) this.pos += 2;
      else if (c === 92 && t.charCodeAt(this.pos + 1) === 13 && t.charCodeAt(this.pos + 2) === 10) this.pos += 3;
      else return;
    }
  }

  /** Spaces and tabs only, for constructs (`[[ ]]`, `for ((`) whose line breaks and continuations the full parser settles. */
  skipSpaces(): void {
    for (let c = this.text.charCodeAt(this.pos); c === 32 || c === 9; c = this.text.charCodeAt(this.pos)) this.pos++;
  }

  /** A `#` comment up to (not including) the newline. */
  skipComment(): boolean {
    if (this.text.charCodeAt(this.pos) !== 35) return false;
    const hash = this.pos;
    let end = this.text.indexOf('\n', hash);
    if (end < 0) end = this.text.length;
    // mvdan-sh runs such a comment on into the next line: that reading is the full parser's to settle.
    if (this.text.charCodeAt(end - 1) === 92 || (this.text.charCodeAt(end - 1) === 13 && this.text.charCodeAt(end - 2) === 92)) giveUp('comment ending in a backslash');
    this.comments.push({ start: hash, end });
    this.pos = end;
    return true;
  }

  /** Blanks, comments and newlines; tells whether a newline was crossed. */
  skipSeparators(): boolean {
    let newline = false;
    for (;;) {
      this.skipBlanks();
      if (this.skipComment()) continue;
      if (this.text.charCodeAt(this.pos) !== 10) return newline;
      newline = true;
      this.pos = this.heredocs.get(this.pos) ?? this.pos + 1;
    }
  }

  /** Where a word ends: blanks, newlines, operators, the end, or a closing backquote. */
  isDelimiter(i: number): boolean {
    if (i >= this.text.length) return true;
    const c = this.text.charCodeAt(i);
    switch (c) {
      case 32: case 9: case 10: case 59: case 38: case 124: case 60: case 62: case 40: case 41:
        return true;
      case 13:
        return this.text.charCodeAt(i + 1) === 10;
      case 96:
        return this.inBackquote;
      default:
        return false;
    }
  }

  /** The word at the cursor if it is plain letters up to a delimiter (`fi`, `{`, `export`), else null. */
  peekPlainWord(): string | null {
    const t = this.text;
    let i = this.pos;
    while (i < t.length && !this.isDelimiter(i) && !isSpecialInWord(t.charCodeAt(i))) i++;
    // `{\<newline>`: mvdan-sh joins the lines first and reads a keyword; leave such a word to it.
    if (i > this.pos && t.charCodeAt(i) === 92 && (t.charCodeAt(i + 1) === 10 || (t.charCodeAt(i + 1) === 13 && t.charCodeAt(i + 2) === 10))) giveUp('continuation inside a leading word');
    if (i === this.pos || !this.isDelimiter(i)) return null;
    return t.slice(this.pos, i);
  }

  /** Reading crosses the newline at `lineEnd` to `resume`: a heredoc's body lies between. */
  skipAtNewline(lineEnd: number, resume: number): void {
    if (this.heredocs.has(lineEnd)) giveUp('two heredocs on a line');
    this.heredocs.set(lineEnd, resume);
  }

  expect(s: string): void {
    if (!this.startsWith(s)) giveUp(`expected ${s}`);
    this.pos += s.length;
  }
}

/** Characters that start quoting or expansion inside a word. */
export function isSpecialInWord(c: number): boolean {
  return c === 36 || c === 39 || c === 34 || c === 96 || c === 92;
}

export function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

export function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

export function isValidName(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s);
}
