/** Class sets: the bits and the sorted members always say the same, whatever the sizes and members. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classSetOf,
  emptyClassSet,
  hasClass,
  unionClassSets,
} from '../../../src/analysis/netpol/class-set.js';

/** A size (past a word, to 3 words and a bit) and member lists within it, repeats and any order allowed. */
const setsArb = fc.integer({ min: 1, max: 97 }).chain((size) =>
  fc.record({
    size: fc.constant(size),
    lists: fc.array(fc.array(fc.integer({ min: 0, max: size - 1 }), { maxLength: size * 2 }), {
      minLength: 1,
      maxLength: 5,
    }),
  }),
);

const sortedUnique = (values: readonly number[]): number[] => [...new Set(values)].sort((a, b) => a - b);

describe('class sets', () => {
  it('keeps each member once, ascending, with its bit set and no other', () => {
    fc.assert(
      fc.property(setsArb, ({ size, lists }) => {
        for (const list of lists) {
          const set = classSetOf(size, list);
          expect(set.members).toEqual(sortedUnique(list));
          for (let c = 0; c < size; c++) expect(hasClass(set, c)).toBe(list.includes(c));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('shares one empty set per width, as wide as the classes', () => {
    const empty = emptyClassSet(40);
    expect(emptyClassSet(40)).toBe(empty);
    expect(empty.members).toEqual([]);
    expect(empty.bits.length).toBe(2);
    expect(emptyClassSet(100).bits.length).toBe(4);
    expect(unionClassSets(100, [emptyClassSet(100), classSetOf(100, [99])]).members).toEqual([99]);
  });

  it('unites sparse and dense sets alike', () => {
    fc.assert(
      fc.property(setsArb, ({ size, lists }) => {
        const union = unionClassSets(
          size,
          lists.map((list) => classSetOf(size, list)),
        );
        const expected = sortedUnique(lists.flat());
        expect(union.members).toEqual(expected);
        for (let c = 0; c < size; c++) expect(hasClass(union, c)).toBe(expected.includes(c));
      }),
      { numRuns: 500 },
    );
  });

  it('finds the top bit of a word (class 31, 63, …) like any other', () => {
    const set = classSetOf(96, [31, 32, 63, 95, 0]);
    expect(set.members).toEqual([0, 31, 32, 63, 95]);
    expect(unionClassSets(96, [set, classSetOf(96, [30])]).members).toEqual([0, 30, 31, 32, 63, 95]);
  });

  it('sorts the members of a sparse union, whatever order its sets come in', () => {
    // 3 members against 5 words: added one by one (the repeat once), not read back from the words.
    const union = unionClassSets(160, [classSetOf(160, [70]), classSetOf(160, [3]), classSetOf(160, [70])]);
    expect(union.members).toEqual([3, 70]);
    expect([...union.bits]).toEqual([1 << 3, 0, 1 << 6, 0, 0]);
  });
});
