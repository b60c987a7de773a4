import { LineIndex } from './line-index.js';

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
  const lines = new LineIndex(text);
  const byteToIndex = isAscii(text) ? null : computeByteToIndex(text);
  return {
    toIndex: (byteOffset) =>
      byteToIndex === null ? byteOffset : byteToIndex[Math.min(byteOffset, byteToIndex.length - 1)]!,
    lineOf: (index) => lines.line(index),
    columnOf: (index) => lines.column(index),
  };
}

function isAscii(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text);
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
