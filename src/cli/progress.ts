/**
 * One line on a terminal that says how far a batch has got, rewritten in place. Whatever else
 * is printed first clears it, so it never mixes with a summary or a diff.
 */
export interface Progress {
  show(done: number, total: number, label: string): void;
  /** Wraps a writer so that the line is cleared before anything else is written. */
  around(write: (text: string) => void): (text: string) => void;
  clear(): void;
}

const CLEAR = '\r\x1b[K';

export function progressLine(write: (text: string) => void, enabled: boolean, width = 80): Progress {
  let shown = false;
  const clear = (): void => {
    if (shown) write(CLEAR);
    shown = false;
  };
  return {
    show(done, total, label) {
      if (!enabled) return;
      const text = `[${done}/${total}] ${label}`;
      write(`${CLEAR}${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
      shown = true;
    },
    around: (inner) => (text) => {
      clear();
      inner(text);
    },
    clear,
  };
}
