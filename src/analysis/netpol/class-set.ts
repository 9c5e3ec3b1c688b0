/** @module A set of pod classes: a bitset for O(1) membership plus the sorted members for iteration. */

export interface ClassSet {
  readonly bits: Uint32Array;
  readonly members: readonly number[];
}

export function classSetOf(size: number, members: Iterable<number>): ClassSet {
  const bits = new Uint32Array(Math.ceil(size / 32));
  for (const m of members) bits[m >>> 5] = (bits[m >>> 5] ?? 0) | (1 << (m & 31));
  const sorted: number[] = [];
  bits.forEach((word, w) => {
    for (let b = 0; word !== 0 && b < 32; b++) if (word & (1 << b)) sorted.push(w * 32 + b);
  });
  return { bits, members: sorted };
}

export function hasClass(set: ClassSet, index: number): boolean {
  return ((set.bits[index >>> 5] ?? 0) & (1 << (index & 31))) !== 0;
}

export function unionClassSets(size: number, sets: readonly ClassSet[]): ClassSet {
  if (sets.length === 1 && sets[0]) return sets[0];
  const bits = new Uint32Array(Math.ceil(size / 32));
  for (const set of sets) set.bits.forEach((word, w) => (bits[w] = (bits[w] ?? 0) | word));
  return classSetOf(size, membersOf(bits));
}

function* membersOf(bits: Uint32Array): Generator<number> {
  for (let w = 0; w < bits.length; w++) {
    const word = bits[w] ?? 0;
    for (let b = 0; word !== 0 && b < 32; b++) if (word & (1 << b)) yield w * 32 + b;
  }
}
