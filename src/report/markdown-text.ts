/** Inline code that shows any text as it is, backticks included. */
export function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  // CommonMark strips one space on each side, so a text that starts or ends with a backtick keeps it.
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${oneLine(text)}${pad}${fence}`;
}

/** Plain text in which no character starts emphasis, a link, HTML or an entity. */
export function prose(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>&~]/g, '\\$&');
}

/** One row of a GFM table; a `|` inside a cell, even in code, must be escaped to stay in it. */
export function tableRow(cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

export function table(header: string[], rows: string[][]): string[] {
  return [tableRow(header), tableRow(header.map(() => '---')), ...rows.map(tableRow)];
}

function oneLine(text: string): string {
  return text.replace(/\r?\n/g, ' ');
}
