import type { SourceLocation } from '../errors.js';
import type { Span, Stmt } from '../parse/shell/ast.js';
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

  get at(): SourceLocation {
    return this.locate(this.call.start);
  }
}
