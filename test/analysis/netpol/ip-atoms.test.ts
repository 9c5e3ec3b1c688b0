import { describe, expect, it } from 'vitest';
import { cutIntoAtoms } from '../../../src/analysis/netpol/ip-atoms.js';
import { formatIpRange, parseCidr } from '../../../src/model/index.js';

describe('cutIntoAtoms', () => {
  it('cuts the space at every boundary', () => {
    const ranges = ['10.0.0.0/8', '10.1.0.0/16'].map((c) => parseCidr(c)).filter((r) => r !== undefined);
    expect(cutIntoAtoms(ranges, [4]).map(formatIpRange)).toEqual([
      '0.0.0.0-9.255.255.255',
      '10.0.0.0-10.0.255.255',
      '10.1.0.0-10.1.255.255',
      '10.2.0.0-10.255.255.255',
      '11.0.0.0-255.255.255.255',
    ]);
    expect(cutIntoAtoms([], [4]).map(formatIpRange)).toEqual(['0.0.0.0-255.255.255.255']);
    expect(cutIntoAtoms([parseCidr('0.0.0.0/0') ?? { family: 4, lo: 0n, hi: 0n }], [4])).toHaveLength(1);
  });
});
