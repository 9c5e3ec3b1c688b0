/** @module IP addresses and CIDRs as inclusive integer ranges (IPv4 and IPv6), and the cut of an address space into atoms. */
import { isIP } from 'node:net';

export type IpFamily = 4 | 6;

/** An inclusive range of addresses of one family. */
export interface IpRange {
  readonly family: IpFamily;
  readonly lo: bigint;
  readonly hi: bigint;
}

const BITS: Readonly<Record<IpFamily, number>> = { 4: 32, 6: 128 };

export function fullSpace(family: IpFamily): IpRange {
  return { family, lo: 0n, hi: (1n << BigInt(BITS[family])) - 1n };
}

function parseIpv4(text: string): bigint {
  return text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function parseIpv6(text: string): bigint {
  let body = text.split('%')[0] ?? '';
  // An embedded IPv4 suffix (`::ffff:10.0.0.1`) stands for the last two groups.
  // Starts only where a run of digits starts: tried inside a long run, `\d+` made it quadratic.
  const v4 = /(?<!\d)(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (v4?.[1]) {
    const value = parseIpv4(v4[1]);
    body = `${body.slice(0, -v4[1].length)}${(value >> 16n).toString(16)}:${(value & 0xffffn).toString(16)}`;
  }
  const [head, rest] = body.split('::');
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const fill = rest === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16)), 0n);
}

/** Parses one address; `undefined` when it is not a valid IPv4 or IPv6 address. */
export function parseIp(text: string): { family: IpFamily; value: bigint } | undefined {
  const family = isIP(text);
  if (family === 4) return { family, value: parseIpv4(text) };
  if (family === 6) return { family, value: parseIpv6(text) };
  return undefined;
}

/**
 * Parses `a.b.c.d/n` or `x::/n` into the range it covers. Host bits are masked, as the API server's
 * (sloppy) CIDR parser accepts `10.0.0.1/24` and means `10.0.0.0/24`.
 */
export function parseCidr(text: string): IpRange | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(text.trim());
  if (!match?.[1] || !match[2]) return undefined;
  const ip = parseIp(match[1]);
  const prefix = Number(match[2]);
  if (!ip || prefix > BITS[ip.family]) return undefined;
  const hostBits = BigInt(BITS[ip.family] - prefix);
  const lo = (ip.value >> hostBits) << hostBits;
  return { family: ip.family, lo, hi: lo + (1n << hostBits) - 1n };
}

export function containsRange(outer: IpRange, inner: IpRange): boolean {
  return outer.family === inner.family && outer.lo <= inner.lo && inner.hi <= outer.hi;
}

export function containsIp(range: IpRange, family: IpFamily, value: bigint): boolean {
  return range.family === family && range.lo <= value && value <= range.hi;
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

function formatIpv6(value: bigint): string {
  const groups = [...Array(8).keys()].map((i) => (value >> BigInt(112 - 16 * i)) & 0xffffn);
  // RFC 5952: compress the longest run (≥ 2) of zero groups.
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0n) j++;
    if (j - i > best.length && j - i >= 2) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.start < 0) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

export function formatIp(family: IpFamily, value: bigint): string {
  return family === 4 ? formatIpv4(value) : formatIpv6(value);
}

/** `10.0.0.0-10.255.255.255`: the oracle's inclusive-range form. */
export function formatIpRange(range: IpRange): string {
  return `${formatIp(range.family, range.lo)}-${formatIp(range.family, range.hi)}`;
}

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
