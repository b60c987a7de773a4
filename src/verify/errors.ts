/**
 * An error meant for people: its message is one line and complete, so the CLI
 * prints it as is (no stack trace) and exits 2.
 */
export class VerifyError extends Error {
  override name = 'VerifyError';
}

/** Last non-empty line of a command's stderr: usually the engine's actual complaint. */
export function lastLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.at(-1) ?? '';
}
