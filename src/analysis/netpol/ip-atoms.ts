/** @module The cut of an address space into atoms: ranges each wholly inside or wholly outside every ipBlock. */
import type { IpFamily, IpRange } from '../../model/index.js';
import { fullSpace } from '../../model/index.js';

/**
 * Cuts each family's whole space at every boundary of `ranges`, so each atom is wholly inside or wholly
 * outside every range: one atom then stands for every address in it. Families with no range are left out
 * unless listed in `families`.
 */
export function cutIntoAtoms(ranges: readonly IpRange[], families: readonly IpFamily[]): IpRange[] {
  const atoms: IpRange[] = [];
  for (const family of [4, 6] as const) {
    const own = ranges.filter((r) => r.family === family);
    if (own.length === 0 && !families.includes(family)) continue;
    const space = fullSpace(family);
    const cuts = new Set<bigint>([space.lo]);
    for (const r of own) {
      cuts.add(r.lo);
      if (r.hi < space.hi) cuts.add(r.hi + 1n);
    }
    const sorted = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    sorted.forEach((lo, i) => {
      const next = sorted[i + 1];
      atoms.push({ family, lo, hi: next === undefined ? space.hi : next - 1n });
    });
  }
  return atoms;
}
