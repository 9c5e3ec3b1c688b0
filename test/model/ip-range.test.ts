/** @module Tests for the one IP range type: address and CIDR parsing in both dialects, containment, prefix, formatting. */
import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IpRange } from '../../src/model/ip-range.js';
import {
  containsRange,
  formatIpRange,
  isNonPublicRange,
  parseAuthorizedRange,
  parseCidr,
  parseIp,
  prefixLength,
} from '../../src/model/ip-range.js';

const must = (text: string) => {
  const parsed = parseAuthorizedRange(text);
  if (!parsed) throw new Error(`expected ${text} to parse`);
  return parsed;
};

/** A CIDR block as the authorized-range tests state it: network address and prefix. */
const block = (range: IpRange | undefined) =>
  range && { family: range.family, network: range.lo, prefix: prefixLength(range) };

describe('parseAuthorizedRange', () => {
  it('parses IPv4 ranges and clears host bits', () => {
    expect(block(parseAuthorizedRange('10.0.0.0/8'))).toEqual({ family: 4, network: 0x0a000000n, prefix: 8 });
    expect(block(parseAuthorizedRange('10.1.2.3/8'))).toEqual({ family: 4, network: 0x0a000000n, prefix: 8 });
    expect(block(parseAuthorizedRange('0.0.0.0/0'))).toEqual({ family: 4, network: 0n, prefix: 0 });
    expect(block(parseAuthorizedRange('255.255.255.255/32'))).toEqual({
      family: 4,
      network: 0xffffffffn,
      prefix: 32,
    });
  });

  it('reads a bare address as a single host', () => {
    expect(block(parseAuthorizedRange('203.0.113.7'))).toEqual({
      family: 4,
      network: 0xcb007107n,
      prefix: 32,
    });
    expect(block(parseAuthorizedRange('2001:db8::1'))?.prefix).toBe(128);
    expect(block(parseAuthorizedRange(' 203.0.113.7/32 '))?.prefix).toBe(32);
  });

  it.each([
    '',
    '/8',
    '10.0.0.0/',
    '10.0.0.0/33',
    '10.0.0.0/-1',
    '10.0.0.0/08',
    '10.0.0.0/8/8',
    '10.0.0/8',
    '10.0.0.0.0/8',
    '256.0.0.0/8',
    '010.0.0.0/8',
    '10.0.0.a/8',
    '10..0.0/8',
    '+1.0.0.0/8',
    'any',
    '*',
    '2001:db8::/129',
    '2001:db8:::1/64',
    '2001::db8::1',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8::',
    'gggg::/16',
    '12345::/16',
    '::ffff:300.0.0.1',
    '1.2.3.4::',
  ])('rejects %j', (text) => {
    expect(parseAuthorizedRange(text)).toBeUndefined();
  });

  it('parses IPv6, with and without ::, and an embedded IPv4 tail', () => {
    expect(block(parseAuthorizedRange('::/0'))).toEqual({ family: 6, network: 0n, prefix: 0 });
    expect(block(parseAuthorizedRange('2001:db8::/32'))).toEqual({
      family: 6,
      network: 0x20010db8n << 96n,
      prefix: 32,
    });
    expect(block(parseAuthorizedRange('2001:0db8:0:0:0:0:0:1/128'))?.network).toBe((0x20010db8n << 96n) | 1n);
    expect(block(parseAuthorizedRange('::1'))?.network).toBe(1n);
    expect(block(parseAuthorizedRange('fe80::'))?.network).toBe(0xfe80n << 112n);
    expect(block(parseAuthorizedRange('::ffff:192.0.2.1/128'))?.network).toBe((0xffffn << 32n) | 0xc0000201n);
    expect(block(parseAuthorizedRange('2001:DB8::/48'))?.network).toBe(0x20010db8n << 96n);
  });
});

describe('containsRange', () => {
  it('holds for a narrower range inside a wider one, and not the other way round', () => {
    expect(containsRange(must('10.0.0.0/8'), must('10.20.0.0/16'))).toBe(true);
    expect(containsRange(must('10.0.0.0/8'), must('10.0.0.0/8'))).toBe(true);
    expect(containsRange(must('10.20.0.0/16'), must('10.0.0.0/8'))).toBe(false);
    expect(containsRange(must('10.0.0.0/8'), must('11.0.0.0/16'))).toBe(false);
    expect(containsRange(must('0.0.0.0/0'), must('203.0.113.7'))).toBe(true);
  });

  it('never mixes families', () => {
    expect(containsRange(must('::/0'), must('10.0.0.0/8'))).toBe(false);
  });
});

describe('isNonPublicRange', () => {
  it.each([
    '10.0.0.0/8',
    '10.200.0.0/16',
    '172.16.0.0/12',
    '172.31.255.0/24',
    '192.168.0.0/16',
    '100.64.0.0/10',
    'fd00::/8',
  ])('%s is not public', (text) => {
    expect(isNonPublicRange(must(text))).toBe(true);
  });

  it.each([
    '0.0.0.0/0',
    '10.0.0.0/7',
    '172.0.0.0/11',
    '172.32.0.0/16',
    '100.128.0.0/10',
    '203.0.113.0/24',
    '2001:db8::/32',
  ])('%s is public (wholly or in part)', (text) => {
    expect(isNonPublicRange(must(text))).toBe(false);
  });
});

describe('parseCidr (NetworkPolicy ipBlock)', () => {
  it('parses CIDRs into inclusive ranges, masking host bits', () => {
    expect(formatIpRange(must('10.0.0.0/8'))).toBe('10.0.0.0-10.255.255.255');
    expect(parseCidr('10.1.2.3/24')).toEqual(must('10.1.2.0/24'));
    expect(parseCidr(' 203.0.113.7/32 ')).toEqual({ family: 4, lo: 0xcb007107n, hi: 0xcb007107n });
    expect(parseCidr('2001:db8::/32') && formatIpRange(must('2001:db8::/32'))).toBe(
      '2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff',
    );
  });

  it('differs from an authorized range where the API server and AKS differ', () => {
    // A CIDR needs its prefix; AKS reads a bare address as one host.
    expect(parseCidr('10.0.0.0')).toBeUndefined();
    expect(parseAuthorizedRange('10.0.0.0')).toEqual(parseCidr('10.0.0.0/32'));
    // Go's prefix parser allows leading zeros; Azure's validation does not.
    expect(parseCidr('10.0.0.0/08')).toEqual(must('10.0.0.0/8'));
    expect(parseAuthorizedRange('10.0.0.0/08')).toBeUndefined();
    // A zone names an interface: the address parser drops it; an authorized range cannot have one.
    expect(parseCidr('fe80::%eth0/64')).toEqual(must('fe80::/64'));
    expect(parseAuthorizedRange('fe80::%eth0/64')).toBeUndefined();
  });

  it.each(['10.0.0.0/33', '256.0.0.0/8', 'not-a-cidr', '010.0.0.0/8', '2001:db8::/129', '10.0.0.0/1234'])(
    'rejects %j',
    (text) => {
      expect(parseCidr(text)).toBeUndefined();
    },
  );
});

describe('parseIp', () => {
  it('parses IPv4, and IPv6 with compression, an embedded IPv4 address and a zone', () => {
    expect(parseIp('10.0.0.1')).toEqual({ family: 4, value: 0x0a000001n });
    expect(parseIp('::ffff:10.0.0.1')?.value).toBe(0xffff0a000001n);
    expect(parseIp('fe80::1')?.value).toBe((0xfe80n << 112n) | 1n);
    expect(parseIp('fe80::1%eth0')).toEqual(parseIp('fe80::1'));
  });

  it.each(['', '10.0.0.1%eth0', 'fe80::1%', 'fe80::1%a_b', 'fe80::1%a%b', ' 10.0.0.1', '1:2:3:4:5:1.2.3.4'])(
    'rejects %j',
    (text) => {
      expect(parseIp(text)).toBeUndefined();
    },
  );

  it('accepts exactly what node:net isIP accepts, with the same family', () => {
    const hextet = fc.constantFrom('0', '1', 'ff', 'FFFF', '0db8', '00000', 'g', '', 'fe80');
    const octet = fc.constantFrom('0', '9', '10', '255', '256', '01', '1000', '');
    const v4 = fc.array(octet, { minLength: 3, maxLength: 5 }).map((parts) => parts.join('.'));
    const v6 = fc
      .tuple(
        fc.array(hextet, { minLength: 1, maxLength: 9 }),
        fc.option(v4),
        fc.nat(40),
        fc.constantFrom('', '::', ':'),
        fc.constantFrom('', '', '%eth0', '%', '%a.b:c-d', '%a_b'),
      )
      .map(([parts, tail, at, gap, zone]) => {
        const text = [...parts, ...(tail === null ? [] : [tail])].join(':');
        const cut = at % (text.length + 1);
        return `${text.slice(0, cut)}${gap}${text.slice(cut)}${zone}`;
      });
    fc.assert(
      fc.property(fc.oneof(v4, v6), (text) => {
        expect(parseIp(text)?.family ?? 0).toBe(isIP(text));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('prefixLength', () => {
  it('is the prefix of a CIDR block and undefined for an unaligned range', () => {
    expect(prefixLength(must('10.0.0.0/8'))).toBe(8);
    expect(prefixLength(must('::/0'))).toBe(0);
    expect(prefixLength(must('2001:db8::1'))).toBe(128);
    expect(prefixLength({ family: 4, lo: 1n, hi: 2n })).toBeUndefined();
    expect(prefixLength({ family: 4, lo: 0n, hi: 2n })).toBeUndefined();
  });
});
