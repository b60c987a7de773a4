import { fstatSync, statSync, writeSync } from 'node:fs';

/**
 * Writes to stdout or stderr through the file descriptor. `process.stdout` and
 * `process.stderr` load Node's streams (and `net`, for a pipe) on first use: a few
 * milliseconds of every start, spent for a handful of writes. A non-blocking pipe that is
 * full hands the rest to the stream, which waits for it; a reader that went away (`| head`)
 * ends the output quietly, as with any Unix tool.
 */
export function fdWriter(fd: 1 | 2): (text: string) => void {
  let stream: NodeJS.WriteStream | null = null;
  let closed = false;
  return (text) => {
    if (closed) return;
    if (stream) {
      stream.write(text);
      return;
    }
    let bytes = Buffer.from(text);
    while (bytes.length > 0) {
      try {
        bytes = bytes.subarray(writeSync(fd, bytes));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') {
          closed = true;
          return;
        }
        if (code !== 'EAGAIN') throw err;
        stream = fd === 1 ? process.stdout : process.stderr;
        stream.write(bytes);
        return;
      }
    }
  };
}

/**
 * Whether the descriptor is a terminal. Files and pipes are told apart by one fstat, and
 * /dev/null (a character device too) by comparing with it, so that `tty`, which loads `net`
 * and the streams, is loaded only when the answer may be yes.
 */
export function isTerminal(fd: 1 | 2): boolean {
  let stats;
  try {
    stats = fstatSync(fd);
  } catch {
    return false;
  }
  if (!stats.isCharacterDevice()) return false;
  try {
    if (statSync('/dev/null').rdev === stats.rdev) return false;
  } catch {
    // No /dev/null (Windows): ask tty.
  }
  return process.getBuiltinModule('node:tty').isatty(fd);
}
