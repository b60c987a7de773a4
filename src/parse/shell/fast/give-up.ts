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
