/** @module CIDR parsing and range arithmetic for API server authorized IP ranges (IPv4 and IPv6, by hand). */

export interface Cidr {
  readonly family: 4 | 6;
  /** The network address (host bits cleared), as an unsigned integer of 32 or 128 bits. */
  readonly network: bigint;
  readonly prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;

// Decimal octets without leading zeros: `010` is octal to some parsers and decimal to others, so it is
// ambiguous, and Azure's own validation rejects it.
const OCTET = /^(0|[1-9][0-9]{0,2})$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;
const PREFIX = /^(0|[1-9][0-9]{0,2})$/;

function parseIPv4(text: string): bigint | undefined {
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
function parseHextets(text: string, allowTrailingIPv4: boolean): bigint[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const out: bigint[] = [];
  for (const [index, part] of parts.entries()) {
    if (allowTrailingIPv4 && index === parts.length - 1 && part.includes('.')) {
      const v4 = parseIPv4(part);
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

function parseIPv6(text: string): bigint | undefined {
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

function mask(family: 4 | 6, prefix: number): bigint {
  const bits = BigInt(BITS[family]);
  const all = (1n << bits) - 1n;
  return all ^ ((1n << (bits - BigInt(prefix))) - 1n);
}

/**
 * Parses `a.b.c.d/n`, an IPv6 `x::y/n`, or a bare address (a single host: /32 or /128, as AKS reads it).
 * Host bits are allowed and cleared (`10.1.2.3/8` is `10.0.0.0/8`). Returns undefined for anything else.
 */
export function parseCidr(text: string): Cidr | undefined {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const addressText = slash === -1 ? trimmed : trimmed.slice(0, slash);
  const prefixText = slash === -1 ? undefined : trimmed.slice(slash + 1);
  const family = addressText.includes(':') ? 6 : 4;
  const address = family === 4 ? parseIPv4(addressText) : parseIPv6(addressText);
  if (address === undefined) return undefined;
  if (prefixText !== undefined && !PREFIX.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? BITS[family] : Number(prefixText);
  if (prefix > BITS[family]) return undefined;
  return { family, network: address & mask(family, prefix), prefix };
}

/** True when every address of `inner` lies in `outer`. */
export function containsCidr(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family || inner.prefix < outer.prefix) return false;
  return (inner.network & mask(outer.family, outer.prefix)) === outer.network;
}

function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`invalid built-in CIDR ${text}`);
  return parsed;
}

/**
 * Address space that is not routed on the internet: RFC 1918 private ranges, RFC 6598 shared (CGNAT)
 * space and RFC 4193 IPv6 unique local addresses.
 */
const NON_PUBLIC: readonly Cidr[] = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
  'fc00::/7',
].map(cidr);

/** True when the whole range lies inside non-public space (a range that straddles into public space is public). */
export function isNonPublicRange(range: Cidr): boolean {
  return NON_PUBLIC.some((block) => containsCidr(block, range));
}
