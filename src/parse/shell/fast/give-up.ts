/**
 * Thrown inside the fast parser when it meets something it does not model exactly; the
 * caller then hands the script to the full parser. No stack trace: it is control flow.
 */
export class GiveUp {
  constructor(readonly reason: string) {}
}

export function giveUp(reason: string): never {
  throw new GiveUp(reason);
}

/**
 * Thrown when the text ends inside a quote that opened at `index`: a syntax error whatever
 * came before, and worded as the full parser words it, which then need not be loaded.
 */
export class UnclosedQuote {
  constructor(
    readonly quote: '"' | "'",
    readonly index: number,
  ) {}
}
