import type { SourceLocation } from '../errors.js';
import type { CallCommand, Span, Stmt } from '../parse/shell/ast.js';
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
    return this.locate(this.wrapperCall()?.start ?? this.call.start);
  }

  private wrapperCall(): Span | undefined {
    const own = this.call as Partial<CallCommand>;
    const first = own.type === 'call' ? own.args?.[0] : undefined;
    if (first?.type !== 'double-quoted' || first.parts.length !== 1 || first.parts[0]!.type !== 'param' || first.parts[0]!.name !== '@') return undefined;
    return this.stack.find((s) => s.cmd !== this.call && s.cmd.type === 'call' && s.cmd.args[0]?.type === 'literal');
  }
}
