import type { SourceLocation } from '../errors.js';
import type { CallCommand, Span, Stmt, Word } from '../parse/shell/ast.js';
import type { Site } from './events.js';

/**
 * A Site whose location is worked out when asked: a long script runs a command every line
 * or two, and the trace keeps a site for each, but few are ever shown.
 */
export class CallSite implements Site {
  constructor(
    readonly stack: Stmt[],
    readonly call: Span,
    readonly conditional: boolean,
    private readonly locate: (index: number) => SourceLocation,
  ) {}

  /** For a command run as a wrapper's `"$@"` (`run() { "$@"; }`), the line that calls the wrapper. */
  get at(): SourceLocation {
    return this.locate(wrapperCallOf(this)?.start ?? this.call.start);
  }
}

/** The statement that called the wrapper a command ran through as its `"$@"` or `$*`; undefined for one run by its own words. */
export function wrapperCallOf(site: Pick<Site, 'stack' | 'call'>): Stmt | undefined {
  const own = site.call as Partial<CallCommand>;
  const first = own.type === 'call' ? own.args?.[0] : undefined;
  if (!first || !passesAllArgs(first)) return undefined;
  return site.stack.find((s) => s.cmd !== site.call && s.cmd.type === 'call' && s.cmd.args[0]?.type === 'literal');
}

/** `"$@"`, `$@`, `"$*"`, `${@}`: a word that is the arguments and nothing else. */
function passesAllArgs(word: Word): boolean {
  const part = word.type === 'double-quoted' && word.parts.length === 1 ? word.parts[0]! : word;
  return part.type === 'param' && (part.name === '@' || part.name === '*') && part.operator === null && part.index === null && !part.length;
}
