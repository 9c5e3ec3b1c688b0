/** @module A set of pod classes: a bitset for O(1) membership plus the sorted members for iteration. */

export interface ClassSet {
  readonly bits: Uint32Array;
  readonly members: readonly number[];
}

/**
 * The members of `bits`, ascending: each word's set bits lowest first, skipping empty words. Plain loops: the
 * policies of a large cluster make classes sets by the hundred thousand, each as wide as the cluster's classes.
 */
function membersOfBits(bits: Uint32Array): number[] {
  const sorted: number[] = [];
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w] ?? 0;
    while (word !== 0) {
      sorted.push(w * 32 + 31 - Math.clz32(word & -word));
      word &= word - 1;
    }
  }
  return sorted;
}

export function classSetOf(size: number, members: Iterable<number>): ClassSet {
  const bits = new Uint32Array(Math.ceil(size / 32));
  for (const m of members) bits[m >>> 5] = (bits[m >>> 5] ?? 0) | (1 << (m & 31));
  return { bits, members: membersOfBits(bits) };
}

/** The last empty set made, for its width: rules with no pod peer and ipBlocks that match no pod share it. */
let lastEmpty: ClassSet | undefined;

/** The empty set over `size` classes (one object per width: sets are never written to). */
export function emptyClassSet(size: number): ClassSet {
  if (lastEmpty?.bits.length !== Math.ceil(size / 32)) lastEmpty = classSetOf(size, []);
  return lastEmpty;
}

export function hasClass(set: ClassSet, index: number): boolean {
  return ((set.bits[index >>> 5] ?? 0) & (1 << (index & 31))) !== 0;
}

/**
 * The union of sets over the same classes. Sparse sets (fewer members in all than the bitset has words) add
 * their members one by one and sort the new ones, rather than reading every word back; denser ones OR words.
 */
export function unionClassSets(size: number, sets: readonly ClassSet[]): ClassSet {
  if (sets.length === 1 && sets[0]) return sets[0];
  const bits = new Uint32Array(Math.ceil(size / 32));
  let total = 0;
  for (const set of sets) total += set.members.length;
  if (total < bits.length) {
    const members: number[] = [];
    for (const set of sets) {
      for (const m of set.members) {
        const bit = 1 << (m & 31);
        const word = bits[m >>> 5] ?? 0;
        if ((word & bit) !== 0) continue;
        bits[m >>> 5] = word | bit;
        members.push(m);
      }
    }
    return { bits, members: members.sort((a, b) => a - b) };
  }
  for (const set of sets) {
    const words = Math.min(bits.length, set.bits.length);
    for (let w = 0; w < words; w++) bits[w] = (bits[w] ?? 0) | (set.bits[w] ?? 0);
  }
  return { bits, members: membersOfBits(bits) };
}
