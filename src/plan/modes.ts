import { CODES, finding, type Finding } from '../warnings.js';
import type { CopyMapping } from './copy-mapping.js';
import type { Artifact } from './model.js';
import { pushAsRoot } from './run-steps.js';

/** The mode of a new file on the host: 0666 less the usual umask 022. */
const STREAMED_FILE_MODE = 0o644;

/**
 * Modes the host gave the files: a file written from a stream got the host's default mode, and
 * `chmod` changed it. A streamed file gets `COPY --chmod`; a chmod of a file that kept the
 * builder's mode becomes a `RUN chmod` in the builder stage, as root.
 */
export function applyChmods(mapping: CopyMapping): Finding[] {
  const findings: Finding[] = [];
  const steps = new Set<Artifact>();
  for (const rewrite of mapping.rewrites) {
    for (const line of rewrite.lines) {
      const artifact = line.artifacts[0];
      // ADD unpacked it: the archive's own mode is gone, and its files have theirs.
      if (!artifact || line.artifacts.length !== 1 || line.unpacked) continue;
      if (artifact.copy.streamed) {
        line.chmod = streamedFileMode(artifact.chmods);
        findings.push(finding(CODES.streamedCopy, 'info', artifact.copy.site.at,
          `${artifact.hostPath} was written from the container's output, so it had the host's default mode (umask 022 assumed): COPY --chmod=${line.chmod}`));
      } else if (artifact.chmods.length > 0 && !steps.has(artifact)) {
        steps.add(artifact);
        pushAsRoot(artifact.builder, artifact.chmods.map((mode) => `RUN ["chmod", ${JSON.stringify(mode)}, ${JSON.stringify(artifact.builderPath)}]`));
      }
    }
  }
  return findings;
}

/** The mode of a file the shell wrote from a stream, after the script's chmods: `644`, `755`. */
export function streamedFileMode(chmods: string[]): string {
  return chmods.reduce((m, op) => applyMode(m, op), STREAMED_FILE_MODE).toString(8).padStart(3, '0');
}

/** chmod's numeric or symbolic mode (`755`, `+x`, `u+x,go-w`) applied to a file's mode. */
export function applyMode(mode: number, op: string): number {
  if (/^[0-7]+$/.test(op)) return parseInt(op, 8);
  let result = mode;
  for (const clause of op.split(',')) {
    const match = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (!match) continue;
    const who = match[1] === '' || match[1]!.includes('a') ? 'ugo' : match[1]!;
    let bits = 0;
    for (const w of who) {
      const shift = w === 'u' ? 6 : w === 'g' ? 3 : 0;
      for (const p of match[3]!) {
        if (p === 'r') bits |= 4 << shift;
        if (p === 'w') bits |= 2 << shift;
        if (p === 'x' || (p === 'X' && (mode & 0o111) !== 0)) bits |= 1 << shift;
      }
    }
    // Without who, `+w` obeys the umask (022): only the owner gets w.
    if (match[1] === '') bits &= ~0o022;
    if (match[2] === '+') result |= bits;
    else if (match[2] === '-') result &= ~bits;
    else {
      const mask = [...who].reduce((m, w) => m | (7 << (w === 'u' ? 6 : w === 'g' ? 3 : 0)), 0);
      result = (result & ~mask) | bits;
    }
  }
  return result;
}
