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
  const pairsBefore = byteToIndex === null ? null : computePairsBefore(text);
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
      // Characters, not UTF-16 units: an emoji is one column. Counted from a table, not the
      // line's text: thousands of words on one long line would make that quadratic.
      const pairs = pairsBefore === null ? 0 : pairsBefore[index]! - pairsBefore[start]!;
      return index - start - pairs + 1;
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

/** For each index, how many surrogate pairs end before it (each is two units, one character). */
function computePairsBefore(text: string): Uint32Array {
  const out = new Uint32Array(text.length + 1);
  let pairs = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff) pairs++;
    out[i + 1] = pairs;
  }
  return out;
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
