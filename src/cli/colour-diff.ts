import type { Style } from '../report/text.js';

/** Colours a unified diff as git does: file headers bold, hunk headers cyan, lines red and green. */
export function colourDiff(diff: string, style: Style): string {
  let inHeader = false;
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('diff --git ')) inHeader = true;
      else if (line.startsWith('@@')) inHeader = false;
      // A removed line may start with `--- `: only lines before the first hunk are headers.
      if (inHeader) return style.bold(line);
      if (line.startsWith('@@')) return style.cyan(line);
      if (line.startsWith('+')) return style.green(line);
      if (line.startsWith('-')) return style.red(line);
      return line;
    })
    .join('\n');
}
