/** Where something is in the user's repo: repo-relative file, 1-based line and column. */
export interface SourceLocation {
  file: string;
  line: number;
  column?: number;
}

export function formatLocation(at: SourceLocation): string {
  return at.column === undefined ? `${at.file}:${at.line}` : `${at.file}:${at.line}:${at.column}`;
}

/**
 * Bad input the user can act on. The CLI prints `file:line: message` on one line and exits 2;
 * nothing is written when one is thrown.
 */
export class MigrateError extends Error {
  readonly at: SourceLocation | undefined;
  readonly reason: string;

  constructor(reason: string, at?: SourceLocation) {
    super(at ? `${formatLocation(at)}: ${reason}` : reason);
    this.name = 'MigrateError';
    this.reason = reason;
    this.at = at;
  }
}
