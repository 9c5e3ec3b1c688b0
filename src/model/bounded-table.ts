/**
 * @module Values kept by key for reuse, in a table that empties itself when full, so it stays small whatever
 * the input: equal label selectors, port ranges and rendered policy rules are made once and shared.
 */

export class BoundedTable<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** The value kept for `key`; else `make()`'s, kept for the next caller when `keep` says so. */
  get(key: K, make: () => V, keep: (value: V) => boolean = () => true): V {
    const known = this.#entries.get(key);
    if (known !== undefined) return known;
    const value = make();
    if (!keep(value)) return value;
    if (this.#entries.size >= this.#capacity) this.#entries.clear();
    this.#entries.set(key, value);
    return value;
  }
}
