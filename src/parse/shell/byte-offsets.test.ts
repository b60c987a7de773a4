import { describe, expect, it } from 'vitest';
import { buildOffsetMap } from './byte-offsets.js';

/** The UTF-8 byte offset of a JS string index, as mvdan-sh reports positions. */
function byteOffsetOf(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), 'utf8');
}

describe('buildOffsetMap', () => {
  it('maps byte offsets one to one in an ASCII text', () => {
    const text = 'docker build -t app .\n';
    const map = buildOffsetMap(text);
    expect(map.toIndex(7)).toBe(7);
    expect(map.toIndex(text.length)).toBe(text.length);
  });

  it('maps the byte offset of a token after two-byte and three-byte characters to its JS index', () => {
    const text = '# café – build\ndocker build .\n';
    const map = buildOffsetMap(text);
    const docker = text.indexOf('docker');
    expect(map.toIndex(byteOffsetOf(text, docker))).toBe(docker);
    expect(text.slice(map.toIndex(byteOffsetOf(text, docker)), docker + 6)).toBe('docker');
  });

  it('maps the byte offset of a token after an astral character (a surrogate pair) to its JS index', () => {
    const text = 'echo "🐳" && docker cp c:/x .';
    const map = buildOffsetMap(text);
    const docker = text.indexOf('docker');
    expect(map.toIndex(byteOffsetOf(text, docker))).toBe(docker);
  });

  it('maps the end of the text to the length of the string', () => {
    const text = 'echo é🐳';
    const map = buildOffsetMap(text);
    expect(map.toIndex(Buffer.byteLength(text))).toBe(text.length);
  });

  it('counts lines by line feeds, CRLF included', () => {
    const text = 'a\r\nbé\r\n\r\ncmd';
    const map = buildOffsetMap(text);
    expect(map.lineOf(0)).toBe(1);
    expect(map.lineOf(text.indexOf('b'))).toBe(2);
    expect(map.lineOf(text.indexOf('cmd'))).toBe(4);
  });

  it('gives 1-based columns that count a two-byte character as one', () => {
    const text = 'X=é; Y=1';
    const map = buildOffsetMap(text);
    expect(map.columnOf(text.indexOf('Y'))).toBe(6);
  });

  it('restarts columns on each line', () => {
    const text = 'éé\n  docker';
    const map = buildOffsetMap(text);
    expect(map.columnOf(text.indexOf('docker'))).toBe(3);
  });

  it('gives columns that count an astral character as one character', () => {
    const text = 'echo 🐳 x';
    const map = buildOffsetMap(text);
    // e c h o ␠ 🐳 ␠ x: x is the 8th character.
    expect(map.columnOf(text.indexOf('x'))).toBe(8);
  });

  it('counts columns by characters on a long line of mixed widths, at every index', () => {
    const text = `x\n${'é 🐳 a\u{1F600}b '.repeat(2000)}`;
    const map = buildOffsetMap(text);
    const start = 2;
    for (let index = start; index <= text.length; index += 7) {
      expect(map.columnOf(index)).toBe([...text.slice(start, index)].length + 1);
    }
  });
});
