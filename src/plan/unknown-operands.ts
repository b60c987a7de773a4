import type { Arg, ScriptEvent } from '../analyse/events.js';
import { isStatic, knownParts, type ValueTable } from '../analyse/values.js';
import type { Placement } from './host-files.js';
import { globOf, type Glob, type GlobStep } from '../glob-match.js';

/**
 * Commands that change the files they are given. With an operand only known when the script
 * runs (`strip "$TARGET"`), such a command may change an extracted file; any other command
 * counts only when the known part of its operand points at one (`./sign "$OUT/app"`), so
 * that `git tag "$VERSION"` does not.
 */
const CHANGES_ITS_OPERANDS = new Set(['strip', 'upx', 'gzip', 'gunzip', 'bzip2', 'xz', 'chown', 'touch', 'truncate', 'objcopy', 'patch', 'host-chmod', 'host-mv', 'host-cp']);

export interface PossibleChange {
  event: ScriptEvent;
  /** The operand, in the script's terms (`$TARGET`). */
  operand: string;
  /**
   * The command copies or moves an extracted file to it, rather than changing a file it may
   * name: a new `name` in a known folder (`cp app "dist/app-$ARCH"`), or a `place` that may be
   * anywhere (`cp app "$ARTIFACTS_DIR/"`).
   */
  renames?: 'name' | 'place';
}

/**
 * The first operand of a command, only known when the script runs, that could name an
 * extracted file or a path inside an extracted folder; null when there is none.
 */
export function unknownOperandOnPlaced(event: ScriptEvent, placed: Map<string, Placement>, values: Pick<ValueTable, 'describe'>): PossibleChange | null {
  if (placed.size === 0 || (event.kind === 'other' && event.valueOnly)) return null;
  const name = event.kind === 'other' ? event.name : event.kind;
  const changes = CHANGES_ITS_OPERANDS.has(name) || (name === 'sed' && inPlace(event));
  // `cp "$CONFIG" config.yml` reads its sources: only where it writes can be an extracted file.
  const operands = event.kind === 'host-cp' ? operandsOf(event).slice(-1) : operandsOf(event);
  for (const { value, path } of operands) {
    if (isStatic(path)) continue;
    if (!changes && knownParts(value).every((part) => part === '')) continue;
    // A value that starts unknown may be an absolute path: only its known end counts.
    const pattern = patternOf(knownParts(value)[0] === '' ? value : path);
    if ([...placed.keys()].some((k) => pattern.test(k) || pattern.test(`${k}/x`))) return { event, operand: values.describe(value) };
  }
  return null;
}

/** Each operand's value as written and as a host path. */
function operandsOf(event: ScriptEvent): { value: string; path: string }[] {
  if (event.kind === 'other') {
    const words: Arg[] = event.command?.words.filter((a) => !a.value.startsWith('-')) ?? [];
    return (event.paths ?? []).map((path, i) => ({ value: words[i]?.value ?? path, path }));
  }
  if (event.kind.startsWith('host-') && 'paths' in event) {
    return event.paths.map((path, i) => ({ value: ('args' in event ? event.args[i]?.value : undefined) ?? path, path }));
  }
  return [];
}

function inPlace(event: ScriptEvent): boolean {
  return event.kind === 'other' && (event.command?.words ?? []).some((a) => /^(-[a-zA-Z]*i|--in-place)/.test(a.value));
}

/** The path with each unknown part standing for any text. */
function patternOf(path: string): Glob {
  const steps: GlobStep[] = [];
  knownParts(path).forEach((part, i) => {
    if (i > 0) steps.push({ kind: 'any' });
    for (let k = 0; k < part.length; k++) steps.push({ kind: 'char', ch: part[k]! });
  });
  return globOf(steps);
}
