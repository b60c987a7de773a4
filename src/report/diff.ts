import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

export interface FileChange {
  path: string;
  /** null: the file is created. */
  before: string | null;
  /** null: the file is deleted. */
  after: string | null;
}

/** A `git diff`-style patch of every change, which `git apply` accepts. */
export function unifiedDiff(changes: FileChange[]): string {
  return changes.map(fileDiff).join('');
}

function fileDiff(change: FileChange): string {
  const { path, before, after } = change;
  const header = [`diff --git a/${path} b/${path}`];
  if (before === null) header.push('new file mode 100644');
  if (after === null) header.push('deleted file mode 100644');
  const patch = createTwoFilesPatch(
    before === null ? '/dev/null' : `a/${path}`,
    after === null ? '/dev/null' : `b/${path}`,
    before ?? '',
    after ?? '',
    undefined,
    undefined,
    { context: 3, headerOptions: FILE_HEADERS_ONLY },
  );
  return `${header.join('\n')}\n${patch}`;
}
