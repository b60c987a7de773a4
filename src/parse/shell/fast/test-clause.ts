import type { OtherCommand, Word } from '../ast.js';
import { wordParts } from '../word-parts.js';
import { giveUp } from './give-up.js';
import { WordReader } from './words.js';

/** mvdan-sh's unary test operators: `[[ -f x ]]`. */
const UNARY = new Set(['-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-n', '-o', '-p', '-r', '-s', '-t', '-u', '-v', '-w', '-x', '-z', '-G', '-L', '-N', '-O', '-R', '-S']);
/** Its binary ones written as words (`<` and `>` are operators of their own). */
const BINARY = new Set(['=', '==', '!=', '-nt', '-ot', '-ef', '-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

/**
 * `[[ ... ]]` on one line. The analysis does not look inside it, so it is read only as far as
 * where it ends and whether mvdan-sh takes it: words joined by the test operators, `!`, `&&`,
 * `||` and parentheses. A regex after `=~` (lexed by rules of its own), a line break, a
 * comment or anything odd sends the script to the full parser.
 */
export abstract class TestClauseReader extends WordReader {
  protected testClause(): OtherCommand {
    const start = this.pos;
    this.pos += 2;
    this.orTest();
    this.skipSpaces();
    if (!this.atTestEnd()) giveUp('odd [[');
    this.pos += 2;
    return { type: 'other', start, end: this.pos, kind: 'TestClause' };
  }

  private orTest(): void {
    this.andTest();
    while (this.skipSpaces(), this.startsWith('||')) {
      this.pos += 2;
      this.andTest();
    }
  }

  private andTest(): void {
    this.notTest();
    while (this.skipSpaces(), this.startsWith('&&')) {
      this.pos += 2;
      this.notTest();
    }
  }

  private notTest(): void {
    this.skipSpaces();
    if (this.at() === '!') {
      if (!isSpace(this.text.charCodeAt(this.pos + 1))) giveUp('odd ! in [[');
      this.pos++;
      return this.nested(() => this.notTest());
    }
    if (this.at() === '(') {
      this.pos++;
      this.nested(() => this.orTest());
      this.skipSpaces();
      if (this.at() !== ')') giveUp('unclosed ( in [[');
      this.pos++;
      return;
    }
    this.primaryTest();
  }

  /** `word`, `-op word`, or `word op word`. */
  private primaryTest(): void {
    const first = this.testWord();
    if (UNARY.has(plainText(first) ?? '')) {
      this.testWord();
      return;
    }
    this.skipSpaces();
    if (this.atTestEnd() || this.startsWith('&&') || this.startsWith('||') || this.at() === ')') return;
    const c = this.at();
    if ((c === '<' || c === '>') && isSpace(this.text.charCodeAt(this.pos + 1))) {
      this.pos++;
      this.testWord();
      return;
    }
    if (!BINARY.has(plainText(this.testWord()) ?? '')) giveUp('not a test operator');
    this.testWord();
  }

  /** An operand: a word on this line that cannot be taken for the closing `]]` or a comment. */
  private testWord(): Word {
    this.skipSpaces();
    if (this.at() === '#' || this.atTestEnd()) giveUp('odd [[ operand');
    const word = this.readWord();
    const text = this.text.slice(word.start, word.end);
    // A continuation or an escape may make an operator of what reads as a word here, and
    // mvdan-sh reads an unquoted `#` inside one as a comment (`${#x}` and `"a#b"` are fine).
    if (text.includes(']]') || text.includes('\\') || wordParts(word).some((p) => p.type === 'literal' && p.value.includes('#'))) giveUp('odd [[ operand');
    return word;
  }

  private atTestEnd(): boolean {
    return this.startsWith(']]') && this.isDelimiter(this.pos + 2);
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** The word's text when it is one plain literal (`-f`, `==`): only those are operators. */
function plainText(word: Word): string | null {
  return word.type === 'literal' ? word.value : null;
}
