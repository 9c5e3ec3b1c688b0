/**
 * @module ARM's deterministic hashes: `uniqueString()` (a 64-bit MurmurHash3 x86 variant, base-32 encoded)
 * and `guid()` (a name-based UUID, version 5, in ARM's namespace). Both hash the arguments joined by `-`,
 * UTF-8 encoded; implemented after Azure.Deployments.Expression's published behaviour and checked against
 * values ARM returned (see the table tests).
 */
import { createHash } from 'node:crypto';

const C1 = 0x239b961b;
const C2 = 0xab0e9789;

const rotl = (x: number, r: number): number => ((x << r) | (x >>> (32 - r))) >>> 0;
const mul = (a: number, b: number): number => Math.imul(a, b) >>> 0;
const fmix = (h: number): number => {
  let x = h;
  x = mul(x ^ (x >>> 16), 0x85ebca6b);
  x = mul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
};

/** Little-endian 32-bit word of up to 4 bytes from `at` (fewer at the tail). */
function word(data: Uint8Array, at: number, count: number): number {
  let k = 0;
  for (let i = count - 1; i >= 0; i--) k = (k << 8) | (data[at + i] ?? 0);
  return k >>> 0;
}

/** The two 32-bit halves [high, low] of ARM's 64-bit hash of `data`. */
function murmur64(data: Uint8Array): [number, number] {
  const length = data.length;
  let h1 = 0;
  let h2 = 0;
  let i = 0;
  for (; i + 7 < length; i += 8) {
    h1 = (h1 ^ mul(rotl(mul(word(data, i, 4), C1), 15), C2)) >>> 0;
    h1 = (mul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) >>> 0;
    h2 = (h2 ^ mul(rotl(mul(word(data, i + 4, 4), C2), 17), C1)) >>> 0;
    h2 = (mul(rotl(h2, 13) + h1, 5) + 0x0bcaa747) >>> 0;
  }
  const tail = length - i;
  if (tail > 0) {
    h1 = (h1 ^ mul(rotl(mul(word(data, i, Math.min(tail, 4)), C1), 15), C2)) >>> 0;
    if (tail > 4) h2 = (h2 ^ mul(rotl(mul(word(data, i + 4, tail - 4), C2), 17), C1)) >>> 0;
  }
  h1 = (h1 ^ length) >>> 0;
  h2 = (h2 ^ length) >>> 0;
  h1 = (h1 + h2) >>> 0;
  h2 = (h2 + h1) >>> 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h1 = (h1 + h2) >>> 0;
  h2 = (h2 + h1) >>> 0;
  return [h2, h1];
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** `uniqueString(values...)`: 13 base-32 characters, the top 65 bits of the hash read 5 at a time. */
export function uniqueString(values: readonly string[]): string {
  const [high, low] = murmur64(new TextEncoder().encode(values.join('-')));
  let hash = (BigInt(high) << 32n) | BigInt(low);
  let out = '';
  for (let i = 0; i < 13; i++) {
    out += BASE32.charAt(Number((hash >> 59n) & 31n));
    hash = (hash << 5n) & 0xffffffffffffffffn;
  }
  return out;
}

/** ARM's namespace for `guid()` (Azure.Deployments.Expression). */
const ARM_GUID_NAMESPACE = '11fb06fb-712d-4ddd-98c7-e71bbd588830';

/** RFC 4122 name-based UUID, version 5 (SHA-1): `namespace` as a UUID string, `name` UTF-8 encoded. */
export function uuidV5(namespace: string, name: string): string {
  const space = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(space).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `guid(values...)`: a version 5 UUID of the joined values in ARM's namespace. */
export const deterministicGuid = (values: readonly string[]): string =>
  uuidV5(ARM_GUID_NAMESPACE, values.join('-'));
