import type { VarValue } from './shell-state.js';

/**
 * The script's variables, with undo: each `if`, `case`, `||` and subshell marks the map, runs,
 * and undoes its writes, learning which names it wrote and what it left in them. A branch then
 * costs what it changes, not a copy of every variable the script has set (a long script with
 * thousands of both made that quadratic).
 */
export class VarMap {
  private readonly values: Map<string, VarValue>;
  /** Per open mark: each name written since, with the value it had at the mark. */
  private readonly marks: Map<string, VarValue | undefined>[] = [];

  constructor(entries?: Iterable<readonly [string, VarValue]>) {
    this.values = new Map(entries);
  }

  get(name: string): VarValue | undefined {
    return this.values.get(name);
  }

  set(name: string, value: VarValue): void {
    const mark = this.marks[this.marks.length - 1];
    if (mark !== undefined && !mark.has(name)) mark.set(name, this.values.get(name));
    this.values.set(name, value);
  }

  mark(): void {
    this.marks.push(new Map());
  }

  /**
   * Back to the values of the last mark; returns the names written since, each with the value
   * it had before the undo (undefined: unset). An enclosing mark needs no record of them: to it
   * nothing changed.
   */
  undo(): Map<string, VarValue | undefined> {
    const mark = this.marks.pop();
    if (mark === undefined) throw new Error('VarMap.undo without a mark');
    const written = new Map<string, VarValue | undefined>();
    for (const [name, before] of mark) {
      written.set(name, this.values.get(name));
      if (before === undefined) this.values.delete(name);
      else this.values.set(name, before);
    }
    return written;
  }

  /** A copy of the values as they are now, without marks: for what reads them later (a trap, a build's deferred words). */
  snapshot(): VarMap {
    return new VarMap(this.values);
  }
}
