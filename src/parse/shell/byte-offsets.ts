/**
 * mvdan-sh reports positions as UTF-8 byte offsets. This maps them to JS string indices
 * (UTF-16 code units) so that slicing the source text is right for non-ASCII scripts.
 */
export interface OffsetMap {
  toIndex(byteOffset: number): number;
  /** 1-based character column of a JS string index. */
  columnOf(index: number): number;
  /** 1-based line of a JS string index. */
  lineOf(index: number): number;
}

export function buildOffsetMap(text: string): OffsetMap {
  const lineStarts = computeLineStarts(text);
  const byteToIndex = isAscii(text) ? null : computeByteToIndex(text);
  const charsBefore = byteToIndex === null ? null : countCharsBefore(text);
  const lineOf = (index: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  return {
    toIndex: (byteOffset) =>
      byteToIndex === null ? byteOffset : byteToIndex[Math.min(byteOffset, byteToIndex.length - 1)]!,
    lineOf,
    columnOf: (index) => {
      const line = lineOf(index);
      const start = lineStarts[line - 1]!;
      // Characters, not UTF-16 units: an emoji is one column.
      return (charsBefore === null ? index - start : charsBefore[index]! - charsBefore[start]!) + 1;
    },
  };
}

function isAscii(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text);
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** For each string index, the characters (code points) before it. */
export function countCharsBefore(text: string): Uint32Array {
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

function computeByteToIndex(text: string): Uint32Array {
  const bytes = Buffer.byteLength(text, 'utf8');
  const map = new Uint32Array(bytes + 1);
  let byte = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < width; k++) map[byte + k] = i;
    byte += width;
    if (code >= 0x10000) i++; // a surrogate pair is one code point
  }
  map[bytes] = text.length;
  return map;
}
