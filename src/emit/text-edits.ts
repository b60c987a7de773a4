/** A replacement of `text[start, end)`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits; edits at the same point keep their given order. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  let out = '';
  let at = 0;
  const made = new Set<string>();
  for (const edit of sorted) {
    // The same edit twice comes from a line the script runs twice (a function, a loop): made once.
    const key = `${edit.start}:${edit.end}:${edit.text}`;
    if (made.has(key)) continue;
    made.add(key);
    if (edit.start < at) continue; // overlaps an earlier edit: the first one wins
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

export function lineStartOf(text: string, index: number): number {
  return text.lastIndexOf('\n', index - 1) + 1;
}

/** Index just past the end of the line holding `index` (past its newline, if any). */
export function lineEndOf(text: string, index: number): number {
  const nl = text.indexOf('\n', index);
  return nl < 0 ? text.length : nl + 1;
}

/** A word's start with the blanks before it, so that removing it leaves single spaces. */
export function startWithBlanks(text: string, start: number): number {
  let at = start;
  while (at > 0 && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
  return at;
}

/** Keeps the casing style of a keyword the user wrote when writing another one. */
export function inCaseOf(written: string, keyword: string): string {
  if (written === written.toLowerCase()) return keyword.toLowerCase();
  if (written === written.toUpperCase()) return keyword.toUpperCase();
  return keyword[0]!.toUpperCase() + keyword.slice(1).toLowerCase();
}

/**
 * What a Dockerfile's stdin feed takes up in `text`: a redirection (`< Dockerfile.build`) with
 * the blanks before it, or a `cat Dockerfile.build | ` up to the build as it stands.
 */
export function feedRemoval(text: string, start: number, end: number): TextEdit {
  return { start: /^0?</.test(text.slice(start, start + 2)) ? startWithBlanks(text, start) : start, end, text: '' };
}
