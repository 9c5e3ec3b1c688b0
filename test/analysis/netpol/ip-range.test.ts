import { describe, expect, it } from 'vitest';
import { cutIntoAtoms, formatIpRange, parseCidr, parseIp } from '../../../src/analysis/netpol/ip-range.js';

describe('IP ranges', () => {
  it('parses CIDRs into inclusive ranges, masking host bits', () => {
    expect(formatIpRange(parseCidr('10.0.0.0/8') ?? { family: 4, lo: 0n, hi: 0n })).toBe(
      '10.0.0.0-10.255.255.255',
    );
    expect(formatIpRange(parseCidr('10.1.2.3/24') ?? { family: 4, lo: 0n, hi: 0n })).toBe(
      '10.1.2.0-10.1.2.255',
    );
    expect(formatIpRange(parseCidr('203.0.113.7/32') ?? { family: 4, lo: 0n, hi: 0n })).toBe(
      '203.0.113.7-203.0.113.7',
    );
    expect(formatIpRange(parseCidr('2001:db8::/32') ?? { family: 6, lo: 0n, hi: 0n })).toBe(
      '2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff',
    );
  });

  it('rejects what is not a CIDR', () => {
    expect(parseCidr('10.0.0.0')).toBeUndefined();
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('256.0.0.0/8')).toBeUndefined();
    expect(parseCidr('not-a-cidr')).toBeUndefined();
  });

  it('parses IPv6 with compression and an embedded IPv4 address', () => {
    expect(parseIp('::ffff:10.0.0.1')?.value).toBe(0xffff0a000001n);
    expect(parseIp('fe80::1')?.value).toBe((0xfe80n << 112n) | 1n);
    expect(parseIp('10.0.0.1')).toEqual({ family: 4, value: 0x0a000001n });
  });

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
