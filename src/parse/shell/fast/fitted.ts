/** One empty list for every empty list of the tree: frozen, as the tree is not changed once read. */
const NONE: readonly never[] = Object.freeze([]);

/**
 * The items in an array of their own size. An array grown by `push` keeps room for about
 * seventeen items (about 190 bytes where two items need 60); a long script's tree holds tens of
 * thousands of small lists, and that slack is what the garbage collector copies.
 */
export function fitted<T>(items: T[]): T[] {
  return items.length === 0 ? (NONE as never[]) : items.slice();
}
