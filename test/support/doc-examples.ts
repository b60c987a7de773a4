/**
 * Runnable examples in the docs. A fenced block whose info string is `sh example` (optionally
 * `exit=N`) holds commands; the next fenced block holds what they print, stdout and stderr
 * together. `sh setup` blocks run before every example of their file, `ts example` blocks are
 * TypeScript run with Node. In an expected output, a line `...` stands for any lines.
 */
export interface DocBlock {
  info: string;
  text: string;
  /** 1-based line of the opening fence. */
  line: number;
}

/** Where an example's expected output sits in its file: the lines between the fences, 0-based, end excluded. */
export interface OutputSpan {
  start: number;
  end: number;
}

export interface DocExample {
  file: string;
  line: number;
  kind: 'sh' | 'ts';
  code: string;
  expected: string;
  exitCode: number;
  output: OutputSpan;
}

export function fencedBlocks(markdown: string): DocBlock[] {
  const lines = markdown.split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const end = lines.findIndex((l, j) => j > i && l.startsWith(fence) && /^`+\s*$/.test(l));
    if (end < 0) throw new Error(`line ${i + 1}: unclosed code block`);
    blocks.push({ info: open[2]!.trim(), text: lines.slice(i + 1, end).join('\n'), line: i + 1 });
    i = end;
  }
  return blocks;
}

export function docExamples(file: string, markdown: string): { setup: string[]; examples: DocExample[] } {
  const blocks = fencedBlocks(markdown);
  const setup = blocks.filter((b) => b.info === 'sh setup').map((b) => b.text);
  const examples: DocExample[] = [];
  blocks.forEach((block, i) => {
    const head = /^(sh|ts) example(?: exit=(\d+))?$/.exec(block.info);
    if (!head) return;
    const output = blocks[i + 1];
    if (!output || /example|setup/.test(output.info)) throw new Error(`${file}:${block.line}: an example needs a block with its output after it`);
    const span = { start: output.line, end: output.line + (output.text === '' ? 0 : output.text.split('\n').length) };
    examples.push({ file, line: block.line, kind: head[1] as 'sh' | 'ts', code: block.text, expected: output.text, exitCode: Number(head[2] ?? 0), output: span });
  });
  return { setup, examples };
}

/** Whether `actual` is the `expected` output, trailing whitespace aside; `...` lines match any lines. */
export function outputMatches(actual: string, expected: string): boolean {
  const trim = (text: string) => text.split('\n').map((l) => l.trimEnd()).join('\n').replace(/\n+$/, '');
  const pattern = trim(expected)
    .split('\n')
    .map((l) => (l === '...' ? '(?:[^\\n]*\\n)*?' : `${l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`))
    .join('');
  return new RegExp(`^${pattern}$`).test(`${trim(actual)}\n`);
}

/** The markdown with each span's lines replaced by the new text, for UPDATE_EXPECTED=1. */
export function replaceOutputs(markdown: string, updates: { output: OutputSpan; text: string }[]): string {
  const lines = markdown.split('\n');
  for (const u of [...updates].sort((a, b) => b.output.start - a.output.start)) {
    lines.splice(u.output.start, u.output.end - u.output.start, ...u.text.replace(/\n+$/, '').split('\n').map((l) => l.trimEnd()));
  }
  return lines.join('\n');
}
