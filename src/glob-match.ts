/**
 * Wildcard patterns as a list of steps, matched against a whole path by following every way
 * through the pattern at once: time grows with pattern length times path length. A regular
 * expression backtracks instead, and `*a*a*a*a*a*a*a*ab` against sixty `a`s took 21 s.
 */
export type GlobStep =
  | { kind: 'char'; ch: string }
  /** One character: `?` (null: any but `/`), or a class, tested on that character alone. */
  | { kind: 'one'; cls: RegExp | null }
  /** `*`: any run of characters without `/`. */
  | { kind: 'star' }
  /** `**`: any run of characters. */
  | { kind: 'any' }
  /** `**\/`: nothing, or any run of characters that ends in `/`. */
  | { kind: 'dirs' };

export interface Glob {
  test(path: string): boolean;
}

export function globOf(steps: GlobStep[]): Glob {
  return { test: (path) => matchSteps(steps, path) };
}

// States: 2i is "before step i"; 2i+1 is "inside the `**/` of step i, owing a `/`".
function matchSteps(steps: GlobStep[], path: string): boolean {
  const size = 2 * steps.length + 2;
  let now = new Uint8Array(size);
  let next = new Uint8Array(size);
  enter(steps, now, 0);
  for (let k = 0; k < path.length; k++) {
    const c = path[k]!;
    next.fill(0);
    let alive = false;
    for (let s = 0; s < size; s++) {
      if (now[s] === 0) continue;
      alive = advance(steps, s, c, next) || alive;
    }
    if (!alive) return false;
    [now, next] = [next, now];
  }
  return now[2 * steps.length] === 1;
}

/** The states after reading `c` in state `s`, added to `next`; false when there are none. */
function advance(steps: GlobStep[], s: number, c: string, next: Uint8Array): boolean {
  const i = s >> 1;
  if (s & 1) {
    next[s] = 1;
    if (c === '/') enter(steps, next, i + 1);
    return true;
  }
  const step = steps[i];
  if (step === undefined) return false;
  switch (step.kind) {
    case 'char':
      return c === step.ch && enter(steps, next, i + 1);
    case 'one':
      return (step.cls ? step.cls.test(c) : c !== '/') && enter(steps, next, i + 1);
    case 'star':
      return c !== '/' && enter(steps, next, i);
    case 'any':
      return enter(steps, next, i);
    case 'dirs':
      next[s + 1] = 1;
      if (c === '/') enter(steps, next, i + 1);
      return true;
  }
}

/** Marks "before step i", and the steps after it that may match nothing (once: a marked state has its followers marked). */
function enter(steps: GlobStep[], set: Uint8Array, i: number): true {
  for (let j = i; ; j++) {
    if (set[2 * j] === 1) return true;
    set[2 * j] = 1;
    const kind = steps[j]?.kind;
    if (kind !== 'star' && kind !== 'any' && kind !== 'dirs') return true;
  }
}
