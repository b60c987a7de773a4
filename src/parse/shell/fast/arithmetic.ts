import { giveUp } from './give-up.js';

const ASSIGN_OPS = ['+=', '-=', '*=', '/=', '%=', '='];
/** Binary operators by precedence, loosest first; longer spellings before their prefixes. */
const LEVELS = [['||'], ['&&'], ['==', '!='], ['<=', '>=', '<', '>'], ['+', '-'], ['*', '/', '%']];
const MAX_DEPTH = 100;

/**
 * Checks an arithmetic expression from `start` (after `$((`, `((` or inside `for ((`) up to
 * one of `stops` and returns where it ends. The analysis does not evaluate arithmetic, so
 * only the end matters, and that mvdan-sh takes the expression: numbers, names, `$x`, `${x}`,
 * `+ - * / %`, comparisons, `&&`, `||`, `!`, assignments, `++`/`--` next to a name and
 * parentheses, on one line. Bit operators, `**`, `?:`, commas, arrays, bases and anything
 * else give up: the full parser reads those.
 */
export function arithmeticEnd(text: string, start: number, stops: readonly string[]): number {
  const reader = new ArithmeticReader(text, start);
  reader.expression(0);
  reader.skipSpaces();
  if (!stops.some((s) => text.startsWith(s, reader.pos))) giveUp('odd arithmetic');
  return reader.pos;
}

class ArithmeticReader {
  constructor(
    private readonly text: string,
    public pos: number,
  ) {}

  expression(depth: number): void {
    if (depth > MAX_DEPTH) giveUp('deep arithmetic');
    this.skipSpaces();
    const save = this.pos;
    if (this.name() !== null) {
      this.skipSpaces();
      const op = ASSIGN_OPS.find((o) => this.text.startsWith(o, this.pos) && !this.text.startsWith('==', this.pos));
      if (op !== undefined) {
        this.pos += op.length;
        return this.expression(depth + 1);
      }
    }
    this.pos = save;
    this.binary(0, depth);
  }

  private binary(level: number, depth: number): void {
    if (level === LEVELS.length) return this.unary(depth);
    this.binary(level + 1, depth);
    for (;;) {
      this.skipSpaces();
      const op = LEVELS[level]!.find((o) => this.text.startsWith(o, this.pos));
      if (op === undefined || this.doubled(op)) return;
      this.pos += op.length;
      this.binary(level + 1, depth);
    }
  }

  /** `<<`, `**`, `&` and the like: operators this reader leaves alone. */
  private doubled(op: string): boolean {
    const next = this.text.charAt(this.pos + op.length);
    if (op === '<' || op === '>') return next === op || next === '=';
    if (op === '*' || op === '+' || op === '-' || op === '/' || op === '%') return next === op || next === '=';
    return false;
  }

  private unary(depth: number): void {
    this.skipSpaces();
    const c = this.text.charAt(this.pos);
    if ((c === '+' || c === '-') && this.text.charAt(this.pos + 1) === c) {
      this.pos += 2;
      if (this.name() === null) giveUp('odd ++');
      return;
    }
    if (c === '!' || c === '-' || c === '+') {
      if (this.text.charAt(this.pos + 1) === '=') giveUp('odd arithmetic operator');
      this.pos++;
      return this.unary(depth + 1);
    }
    if (c === '(') {
      this.pos++;
      this.expression(depth + 1);
      this.skipSpaces();
      if (this.text.charAt(this.pos) !== ')') giveUp('unclosed ( in arithmetic');
      this.pos++;
      return;
    }
    this.operand();
  }

  private operand(): void {
    const number = /[0-9]+(?![0-9A-Za-z_#])/y;
    number.lastIndex = this.pos;
    if (number.test(this.text)) {
      this.pos = number.lastIndex;
      return;
    }
    const param = /\$(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]|\{[A-Za-z_][A-Za-z0-9_]*\})(?![\w[{])/y;
    param.lastIndex = this.pos;
    if (param.test(this.text)) {
      this.pos = param.lastIndex;
      return;
    }
    if (this.name() === null) giveUp('odd arithmetic operand');
    const c = this.text.charAt(this.pos);
    if ((c === '+' || c === '-') && this.text.charAt(this.pos + 1) === c) this.pos += 2;
  }

  /** A variable name at the cursor, not followed by `[`: read and returned, or null. */
  private name(): string | null {
    const name = /[A-Za-z_][A-Za-z0-9_]*(?![[\w$"'`\\{])/y;
    name.lastIndex = this.pos;
    const hit = name.exec(this.text);
    if (!hit) return null;
    this.pos = name.lastIndex;
    return hit[0];
  }

  skipSpaces(): void {
    while (this.text.charAt(this.pos) === ' ' || this.text.charAt(this.pos) === '\t') this.pos++;
  }
}
