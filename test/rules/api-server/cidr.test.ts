/** @module Tests for the hand-written CIDR parser and range containment used by authorized IP range rules. */
import { describe, expect, it } from 'vitest';
import { containsCidr, isNonPublicRange, parseCidr } from '../../../src/rules/api-server/cidr.js';

const must = (text: string) => {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`expected ${text} to parse`);
  return parsed;
};

describe('parseCidr', () => {
  it('parses IPv4 ranges and clears host bits', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ family: 4, network: 0x0a000000n, prefix: 8 });
    expect(parseCidr('10.1.2.3/8')).toEqual({ family: 4, network: 0x0a000000n, prefix: 8 });
    expect(parseCidr('0.0.0.0/0')).toEqual({ family: 4, network: 0n, prefix: 0 });
    expect(parseCidr('255.255.255.255/32')).toEqual({ family: 4, network: 0xffffffffn, prefix: 32 });
  });

  it('reads a bare address as a single host', () => {
    expect(parseCidr('203.0.113.7')).toEqual({ family: 4, network: 0xcb007107n, prefix: 32 });
    expect(parseCidr('2001:db8::1')?.prefix).toBe(128);
    expect(parseCidr(' 203.0.113.7/32 ')?.prefix).toBe(32);
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
    expect(parseCidr(text)).toBeUndefined();
  });

  it('parses IPv6, with and without ::, and an embedded IPv4 tail', () => {
    expect(parseCidr('::/0')).toEqual({ family: 6, network: 0n, prefix: 0 });
    expect(parseCidr('2001:db8::/32')).toEqual({ family: 6, network: 0x20010db8n << 96n, prefix: 32 });
    expect(parseCidr('2001:0db8:0:0:0:0:0:1/128')?.network).toBe((0x20010db8n << 96n) | 1n);
    expect(parseCidr('::1')?.network).toBe(1n);
    expect(parseCidr('fe80::')?.network).toBe(0xfe80n << 112n);
    expect(parseCidr('::ffff:192.0.2.1/128')?.network).toBe((0xffffn << 32n) | 0xc0000201n);
    expect(parseCidr('2001:DB8::/48')?.network).toBe(0x20010db8n << 96n);
  });
});

describe('containsCidr', () => {
  it('holds for a narrower range inside a wider one, and not the other way round', () => {
    expect(containsCidr(must('10.0.0.0/8'), must('10.20.0.0/16'))).toBe(true);
    expect(containsCidr(must('10.0.0.0/8'), must('10.0.0.0/8'))).toBe(true);
    expect(containsCidr(must('10.20.0.0/16'), must('10.0.0.0/8'))).toBe(false);
    expect(containsCidr(must('10.0.0.0/8'), must('11.0.0.0/16'))).toBe(false);
    expect(containsCidr(must('0.0.0.0/0'), must('203.0.113.7'))).toBe(true);
  });

  it('never mixes families', () => {
    expect(containsCidr(must('::/0'), must('10.0.0.0/8'))).toBe(false);
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
