import type { Span } from '../ast.js';
import { countCharsBefore } from '../byte-offsets.js';

/** Makes spans from JS string indices: lines from newlines, columns in code points. */
export class SpanMaker {
  private readonly lineStarts: number[] = [0];
  /** Code points before each index; null when every character is one code unit. */
  private readonly charsBefore: Uint32Array | null;
  /** The line of the last lookup: the parser reads forward, so the next is mostly on it. */
  private lastLine = 1;

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    // eslint-disable-next-line no-control-regex
    this.charsBefore = /^[\x00-\x7f]*$/.test(text) ? null : countCharsBefore(text);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  span(start: number, end: number): Span {
    const line = this.lineOf(start);
    const lineStart = this.lineStarts[line - 1]!;
    const chars = this.charsBefore;
    const column = (chars === null ? start - lineStart : chars[start]! - chars[lineStart]!) + 1;
    return { start, end, line, column, endLine: this.lineOf(Math.max(start, end - 1)) };
  }

  private lineOf(index: number): number {
    const starts = this.lineStarts;
    const guess = this.lastLine;
    if (starts[guess - 1]! <= index && (guess === starts.length || index < starts[guess]!)) return guess;
    return (this.lastLine = this.searchLine(index));
  }

  private searchLine(index: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}
