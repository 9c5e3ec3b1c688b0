/** @module Port sets as NetworkPolicy writes them, and the difference of two sets (what a change closed). */
import {
  ALL_PORTS,
  NO_PORTS,
  isAllPorts,
  isEmptyPorts,
  portRange,
  unionPorts,
} from '../../analysis/netpol/port-set.js';
import type { PortRange, PortSet, Protocol } from '../../analysis/netpol/port-set.js';
import { MAX_PORT, MIN_PORT } from '../../analysis/netpol/port-set.js';

/** `NetworkPolicyPort`, in the key order manifests use. */
export interface PolicyPort {
  readonly protocol: Protocol;
  readonly port?: number;
  readonly endPort?: number;
}

/** The order ports are written in: TCP first, as most rules are TCP. */
const WRITE_ORDER: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** `undefined` means every port of every protocol (the `ports` key is left out). */
export function toPolicyPorts(set: PortSet): PolicyPort[] | undefined {
  if (isAllPorts(set)) return undefined;
  const out: PolicyPort[] = [];
  for (const protocol of WRITE_ORDER) {
    for (const [lo, hi] of set[protocol]) {
      if (lo === MIN_PORT && hi === MAX_PORT) out.push({ protocol });
      else if (lo === hi) out.push({ protocol, port: lo });
      else out.push({ protocol, port: lo, endPort: hi });
    }
  }
  return out;
}

export function singlePort(protocol: Protocol, port: number): PortSet {
  return portRange(protocol, port, port);
}

function subtractRanges(a: readonly PortRange[], b: readonly PortRange[]): PortRange[] {
  const out: PortRange[] = [];
  for (const [lo, hi] of a) {
    let start = lo;
    for (const [blo, bhi] of b) {
      if (bhi < start || blo > hi) continue;
      if (blo > start) out.push([start, blo - 1]);
      start = Math.max(start, bhi + 1);
      if (start > hi) break;
    }
    if (start <= hi) out.push([start, hi]);
  }
  return out;
}

/** The ports in `a` and not in `b`. */
export function subtractPorts(a: PortSet, b: PortSet): PortSet {
  if (isEmptyPorts(b)) return a;
  if (a === b || isEmptyPorts(a)) return NO_PORTS;
  let out = NO_PORTS;
  for (const protocol of WRITE_ORDER) {
    for (const [lo, hi] of subtractRanges(a[protocol], b[protocol]))
      out = unionPorts(out, portRange(protocol, lo, hi));
  }
  return isAllPorts(out) ? ALL_PORTS : out;
}
