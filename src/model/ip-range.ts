/**
 * @module IP addresses and CIDRs (IPv4 and IPv6) as inclusive integer ranges, parsed by hand: the one
 * implementation for NetworkPolicy `ipBlock`s and AKS authorized IP ranges.
 */

export type IpFamily = 4 | 6;

/** An inclusive range of addresses of one family. */
export interface IpRange {
  readonly family: IpFamily;
  readonly lo: bigint;
  readonly hi: bigint;
}

export interface IpAddress {
  readonly family: IpFamily;
  readonly value: bigint;
}

const BITS: Readonly<Record<IpFamily, number>> = { 4: 32, 6: 128 };

export function fullSpace(family: IpFamily): IpRange {
  return { family, lo: 0n, hi: (1n << BigInt(BITS[family])) - 1n };
}

// Decimal octets without leading zeros: `010` is octal to some parsers and decimal to others, so it is
// ambiguous; Node's `isIP` and Azure's own validation both reject it.
const OCTET = /^(0|[1-9][0-9]{0,2})$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;
// An IPv6 zone (`fe80::1%eth0`), with the characters Node's `isIP` accepts.
const ZONE = /^[0-9a-zA-Z.:-]+$/;

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!OCTET.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

/** Hextets of one side of `::`; an embedded dotted quad (`::ffff:192.0.2.1`) counts as two. */
function parseHextets(text: string, allowTrailingIpv4: boolean): bigint[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const out: bigint[] = [];
  for (const [index, part] of parts.entries()) {
    if (allowTrailingIpv4 && index === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      out.push(v4 >> 16n, v4 & 0xffffn);
    } else if (HEXTET.test(part)) {
      out.push(BigInt(`0x${part}`));
    } else {
      return undefined;
    }
  }
  return out;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const [headText = '', tailText] = halves;
  const head = parseHextets(headText, tailText === undefined);
  const tail = tailText === undefined ? [] : parseHextets(tailText, true);
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  // Without `::` there must be exactly 8 hextets; with it, `::` stands for at least one zero hextet.
  if (tailText === undefined ? missing !== 0 : missing < 1) return undefined;
  const hextets = [...head, ...Array<bigint>(missing).fill(0n), ...tail];
  return hextets.reduce((value, hextet) => (value << 16n) | hextet, 0n);
}

/** One address with no zone and no surrounding space. */
function parseAddress(text: string): IpAddress | undefined {
  const family = text.includes(':') ? 6 : 4;
  const value = family === 4 ? parseIpv4(text) : parseIpv6(text);
  return value === undefined ? undefined : { family, value };
}

/**
 * Parses one address as Node's `isIP` accepts it: dotted-quad IPv4 without leading zeros, or IPv6
 * (with `::`, an embedded IPv4 tail, and an optional zone `%eth0`, which names an interface, not an
 * address, so it is dropped). `undefined` for anything else.
 */
export function parseIp(text: string): IpAddress | undefined {
  const percent = text.indexOf('%');
  if (percent === -1) return parseAddress(text);
  const address = text.slice(0, percent);
  if (!address.includes(':') || !ZONE.test(text.slice(percent + 1))) return undefined;
  return parseAddress(address);
}

function blockOf(address: IpAddress, prefix: number): IpRange {
  const hostBits = BigInt(BITS[address.family] - prefix);
  const lo = (address.value >> hostBits) << hostBits;
  return { family: address.family, lo, hi: lo + (1n << hostBits) - 1n };
}

/**
 * Parses a NetworkPolicy `ipBlock` CIDR, `a.b.c.d/n` or `x::/n`, into the range it covers (surrounding
 * space ignored). Host bits are masked, as the API server's (sloppy) CIDR parser accepts `10.0.0.1/24`
 * and means `10.0.0.0/24`; the prefix length may have leading zeros, as Go's parser allows.
 */
export function parseCidr(text: string): IpRange | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(text.trim());
  if (!match?.[1] || !match[2]) return undefined;
  const address = parseIp(match[1]);
  const prefix = Number(match[2]);
  if (!address || prefix > BITS[address.family]) return undefined;
  return blockOf(address, prefix);
}

/**
 * Parses an AKS authorized IP range: `a.b.c.d/n`, an IPv6 `x::y/n`, or a bare address (a single host:
 * /32 or /128, as AKS reads it), surrounding space ignored. Host bits are cleared (`10.1.2.3/8` is
 * `10.0.0.0/8`). Stricter than `parseCidr`, as Azure validates: no zone, no leading zero in the prefix.
 */
export function parseAuthorizedRange(text: string): IpRange | undefined {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const address = parseAddress(slash === -1 ? trimmed : trimmed.slice(0, slash));
  if (address === undefined) return undefined;
  if (slash === -1) return blockOf(address, BITS[address.family]);
  const prefixText = trimmed.slice(slash + 1);
  if (!/^(0|[1-9][0-9]{0,2})$/.test(prefixText) || Number(prefixText) > BITS[address.family])
    return undefined;
  return blockOf(address, Number(prefixText));
}

/**
 * The prefix length of a range that is one CIDR block (`10.0.0.0/8` gives 8), or undefined when the range
 * is not aligned to a power of two: the smaller the prefix, the broader the range.
 */
export function prefixLength(range: IpRange): number | undefined {
  const size = range.hi - range.lo + 1n;
  if (size <= 0n || (size & (size - 1n)) !== 0n || range.lo % size !== 0n) return undefined;
  return BITS[range.family] - (size.toString(2).length - 1);
}

/** True when every address of `inner` lies in `outer`. */
export function containsRange(outer: IpRange, inner: IpRange): boolean {
  return outer.family === inner.family && outer.lo <= inner.lo && inner.hi <= outer.hi;
}

export function containsIp(range: IpRange, family: IpFamily, value: bigint): boolean {
  return range.family === family && range.lo <= value && value <= range.hi;
}

function builtIn(text: string): IpRange {
  const range = parseCidr(text);
  if (!range) throw new Error(`invalid built-in CIDR ${text}`);
  return range;
}

/**
 * Address space that is not routed on the internet: RFC 1918 private ranges, RFC 6598 shared (CGNAT)
 * space and RFC 4193 IPv6 unique local addresses.
 */
const NON_PUBLIC: readonly IpRange[] = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
  'fc00::/7',
].map(builtIn);

/** True when the whole range lies inside non-public space (a range that straddles into public space is public). */
export function isNonPublicRange(range: IpRange): boolean {
  return NON_PUBLIC.some((block) => containsRange(block, range));
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

function formatIp(family: IpFamily, value: bigint): string {
  return family === 4 ? formatIpv4(value) : formatIpv6(value);
}

/** `10.0.0.0-10.255.255.255`: the oracle's inclusive-range form. */
export function formatIpRange(range: IpRange): string {
  return `${formatIp(range.family, range.lo)}-${formatIp(range.family, range.hi)}`;
}
