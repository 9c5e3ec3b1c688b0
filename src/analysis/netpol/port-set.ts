/** @module Sets of connections: per protocol, sorted disjoint maximal port ranges (TCP, UDP, SCTP × 1-65535). */
import { BoundedTable } from '../../model/index.js';

/**
 * The protocols a NetworkPolicy can name (`NetworkPolicyPort.protocol`), in the order output prints them.
 * Other protocols (ICMP…) are outside the API and implementation-defined, so they are not modelled.
 */
export const PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** An inclusive port range. */
export type PortRange = readonly [number, number];

/** Immutable: every range list is sorted, disjoint and maximal (no two ranges touch). */
export type PortSet = Readonly<Record<Protocol, readonly PortRange[]>>;

const FULL: readonly PortRange[] = [[MIN_PORT, MAX_PORT]];

export const NO_PORTS: PortSet = { SCTP: [], TCP: [], UDP: [] };
/** Every port of every protocol: "All Connections". */
export const ALL_PORTS: PortSet = { SCTP: FULL, TCP: FULL, UDP: FULL };

export function isProtocol(value: string): value is Protocol {
  return (PROTOCOLS as readonly string[]).includes(value);
}

/**
 * Sets of one range by protocol and bounds, so that equal ones are one object: policies repeat the same few
 * ports in every rule (a fix plan for 10,000 workloads writes 367,000 rules). Bounded: emptied when full.
 */
const RANGES = new BoundedTable<string, PortSet>(1 << 14);

/** The set holding `from..to` of one protocol (clamped to 1-65535; empty when `to < from`); every port when `from` is absent. */
export function portRange(protocol: Protocol, from?: number, to?: number): PortSet {
  const lo = from === undefined ? MIN_PORT : Math.max(from, MIN_PORT);
  const hi = from === undefined ? MAX_PORT : Math.min(to ?? from, MAX_PORT);
  if (hi < lo) return NO_PORTS;
  return RANGES.get(`${protocol} ${lo} ${hi}`, () => ({
    ...NO_PORTS,
    [protocol]: lo === MIN_PORT && hi === MAX_PORT ? FULL : [[lo, hi]],
  }));
}

function unionRanges(a: readonly PortRange[], b: readonly PortRange[]): readonly PortRange[] {
  if (a.length === 0 || b === FULL) return b;
  if (b.length === 0 || a === FULL) return a;
  const all = [...a, ...b].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of all) {
    const last = out[out.length - 1];
    // Adjacent ranges merge too (80 and 81 are 80-81), so every range is maximal.
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out.length === 1 && out[0]?.[0] === MIN_PORT && out[0][1] === MAX_PORT ? FULL : out;
}

function intersectRanges(a: readonly PortRange[], b: readonly PortRange[]): readonly PortRange[] {
  if (a === FULL) return b;
  if (b === FULL) return a;
  const out: PortRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as PortRange;
    const y = b[j] as PortRange;
    const lo = Math.max(x[0], y[0]);
    const hi = Math.min(x[1], y[1]);
    if (lo <= hi) out.push([lo, hi]);
    if (x[1] < y[1]) i++;
    else j++;
  }
  return out;
}

export function unionPorts(a: PortSet, b: PortSet): PortSet {
  if (a === NO_PORTS || b === ALL_PORTS) return b;
  if (b === NO_PORTS || a === ALL_PORTS) return a;
  const out = {
    SCTP: unionRanges(a.SCTP, b.SCTP),
    TCP: unionRanges(a.TCP, b.TCP),
    UDP: unionRanges(a.UDP, b.UDP),
  };
  return isAllPorts(out) ? ALL_PORTS : out;
}

export function intersectPorts(a: PortSet, b: PortSet): PortSet {
  if (a === ALL_PORTS || b === NO_PORTS) return b;
  if (b === ALL_PORTS || a === NO_PORTS) return a;
  const out = {
    SCTP: intersectRanges(a.SCTP, b.SCTP),
    TCP: intersectRanges(a.TCP, b.TCP),
    UDP: intersectRanges(a.UDP, b.UDP),
  };
  return isEmptyPorts(out) ? NO_PORTS : out;
}

export function isEmptyPorts(set: PortSet): boolean {
  return set.SCTP.length === 0 && set.TCP.length === 0 && set.UDP.length === 0;
}

const isFullRange = (ranges: PortSet[Protocol]): boolean =>
  ranges.length === 1 && ranges[0]?.[0] === MIN_PORT && ranges[0][1] === MAX_PORT;

/** Every port of every protocol. Written out per protocol: the attack graph asks it once per row and class. */
export function isAllPorts(set: PortSet): boolean {
  return set === ALL_PORTS || (isFullRange(set.TCP) && isFullRange(set.UDP) && isFullRange(set.SCTP));
}

/** True when every connection of `inner` is in `outer`. */
export function isSubsetPorts(inner: PortSet, outer: PortSet): boolean {
  return equalPorts(intersectPorts(inner, outer), inner);
}

export function equalPorts(a: PortSet, b: PortSet): boolean {
  if (a === b) return true;
  return PROTOCOLS.every((p) => {
    const x = a[p];
    const y = b[p];
    return x.length === y.length && x.every((r, i) => r[0] === y[i]?.[0] && r[1] === y[i][1]);
  });
}

/** True when `port` of `protocol` is in the set. */
export function hasPort(set: PortSet, protocol: Protocol, port: number): boolean {
  return set[protocol].some(([lo, hi]) => lo <= port && port <= hi);
}

/** `['TCP 80-81', 'UDP 53']`, sorted by protocol then port; `[]` for the empty set. */
export function formatPortList(set: PortSet): string[] {
  const out: string[] = [];
  for (const protocol of PROTOCOLS) {
    for (const [lo, hi] of set[protocol])
      out.push(lo === hi ? `${protocol} ${lo}` : `${protocol} ${lo}-${hi}`);
  }
  return out;
}

/** The oracle's wording: `All Connections`, `No Connections`, or `SCTP 1-65535,TCP 1-79,81-65535`. */
export function describePorts(set: PortSet): string {
  if (isAllPorts(set)) return 'All Connections';
  if (isEmptyPorts(set)) return 'No Connections';
  return PROTOCOLS.filter((p) => set[p].length > 0)
    .map((p) => `${p} ${set[p].map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`)).join(',')}`)
    .join(',');
}
