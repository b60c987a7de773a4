/**
 * Lines and columns of a script's JS string indices: lines from newlines, columns in code
 * points. The tree keeps indices only; the few places that show a position ask here.
 */
export class LineIndex {
  private readonly lineStarts: number[] = [0];
  /** Code points before each index; null when every character is one code unit. */
  private readonly charsBefore: Uint32Array | null;

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    // eslint-disable-next-line no-control-regex
    this.charsBefore = /^[\x00-\x7f]*$/.test(text) ? null : countCharsBefore(text);
  }

  /** 1-based line of an index. */
  line(index: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** 1-based line of the last character of `start..end` (of `start` when it is empty). */
  endLine(start: number, end: number): number {
    return this.line(Math.max(start, end - 1));
  }

  /** 1-based column of an index, in characters: an emoji is one column. */
  column(index: number): number {
    const lineStart = this.lineStarts[this.line(index) - 1]!;
    const chars = this.charsBefore;
    return (chars === null ? index - lineStart : chars[index]! - chars[lineStart]!) + 1;
  }
}

/** For each string index, the characters (code points) before it. */
function countCharsBefore(text: string): Uint32Array {
  const before = new Uint32Array(text.length + 1);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    before[i] = n;
    const c = text.charCodeAt(i);
    // The low half of a surrogate pair does not start a new character.
    const low = c >= 0xdc00 && c <= 0xdfff && i > 0 && isHighSurrogate(text.charCodeAt(i - 1));
    if (!low) n++;
  }
  before[text.length] = n;
  return before;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
