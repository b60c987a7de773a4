import type { Stmt } from '../parse/shell/ast.js';
import type { TextEdit } from './text-edits.js';

/**
 * Turns removed statements into edits that take whole lines, then tidies what is left: a
 * comment block that described only removed lines goes with them, and a removal never leaves
 * two blank lines in a row or a blank line at the end.
 */
export function lineEdits(text: string, statements: Stmt[], inline: TextEdit[]): TextEdit[] {
  const lines = splitLines(text);
  const deleted = new Set<number>();
  const edits = [...inline];
  for (const stmt of statements) {
    const first = lineOfIndex(lines, stmt.start);
    const last = lineOfIndex(lines, Math.max(stmt.start, stmt.end - 1));
    const before = text.slice(lines[first]!.start, stmt.start);
    const after = text.slice(stmt.end, lines[last]!.end);
    if (/^\s*$/.test(before) && /^\s*;?\s*(#.*)?$/.test(after)) {
      for (let i = first; i <= last; i++) deleted.add(i);
    } else if (/^\s*;?\s*(#.*)?$/.test(after) || /^[ \t]*;?[ \t]*['"]/.test(after)) {
      // Last on its line (`echo done; docker rm c`), or in a trap's quotes: take the `; ` before it.
      const head = /;?[ \t]*$/.exec(before)?.[0] ?? '';
      edits.push({ start: stmt.start - head.length, end: stmt.end + (/^\s*;/.exec(after)?.[0].length ?? 0), text: '' });
    } else {
      const tail = /^[ \t]*;?[ \t]*/.exec(after)?.[0] ?? '';
      edits.push({ start: stmt.start, end: stmt.end + tail.length, text: '' });
    }
  }
  dropOrphanComments(lines, text, deleted);
  collapseBlanks(lines, text, deleted);
  for (const i of deleted) edits.push({ start: lines[i]!.start, end: lines[i]!.next, text: '' });
  return edits;
}

interface Line {
  start: number;
  /** End of the content, before the line break. */
  end: number;
  /** Start of the next line. */
  next: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const next = nl < 0 ? text.length : nl + 1;
    const end = nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
    lines.push({ start, end, next });
    start = next;
  }
  return lines;
}

function lineOfIndex(lines: Line[], index: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]!.start <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// \S is what trim() keeps: the same whitespace either way.
const NON_BLANK = /\S/g;

/** Where the first character that is not whitespace is on line `i`; -1 for a blank line. */
function firstNonBlank(lines: Line[], text: string, i: number): number {
  const { start, end } = lines[i]!;
  NON_BLANK.lastIndex = start;
  // `test` builds no match: this runs a few times for every line of the script.
  if (!NON_BLANK.test(text)) return -1;
  const found = NON_BLANK.lastIndex - 1;
  return found < end ? found : -1;
}

function isBlank(lines: Line[], text: string, i: number): boolean {
  return firstNonBlank(lines, text, i) < 0;
}

/** A comment line; not the `#!` line that starts a script. */
function isComment(lines: Line[], text: string, i: number): boolean {
  const first = firstNonBlank(lines, text, i);
  return first >= 0 && text[first] === '#' && !(i === 0 && text[first + 1] === '!');
}

/** A block of lines between blank lines that had removed lines and comments only goes whole. */
function dropOrphanComments(lines: Line[], text: string, deleted: Set<number>): void {
  let blockStart = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && !isBlank(lines, text, i)) continue;
    let removed = false;
    let orphans = true;
    for (let j = blockStart; j < i && orphans; j++) {
      if (deleted.has(j)) removed = true;
      else orphans = isComment(lines, text, j);
    }
    if (removed && orphans) for (let j = blockStart; j < i; j++) deleted.add(j);
    blockStart = i + 1;
  }
}

function collapseBlanks(lines: Line[], text: string, deleted: Set<number>): void {
  let lastKept = -1;
  let removedSince = false;
  for (let i = 0; i < lines.length; i++) {
    if (deleted.has(i)) {
      removedSince = true;
      continue;
    }
    const blank = isBlank(lines, text, i);
    const previousBlank = lastKept < 0 || isBlank(lines, text, lastKept);
    if (blank && removedSince && previousBlank) {
      deleted.add(i);
      continue;
    }
    lastKept = i;
    removedSince = false;
  }
  if (removedSince && lastKept >= 0 && isBlank(lines, text, lastKept)) deleted.add(lastKept);
}
