/**
 * @module appendAll: `target.push(...items)` without the spread. A spread passes every item as an argument on
 * the stack, and V8 overflows it at about 125,000 items (fewer deep in a call chain): a large cluster's
 * findings, connections or an audit log's events reach that.
 */

/** Appends `items` to `target` in order, one at a time; returns `target`. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
