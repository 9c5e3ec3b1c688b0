/** @module What a connection listing is narrowed to: a source, a destination (a workload or an address), one port. */
import { containsIp, formatIpRange, parseIp } from '../../model/index.js';
import type { IpRange } from '../../model/index.js';
import type { WorkloadPeer } from './classes.js';
import type { Protocol } from './port-set.js';
import type { ConnectionScope, Endpoint, Reachability } from './reachability.js';

/** Narrows the answer: a source, a destination (`namespace/name`, or an IP address), or one port. */
export interface ConnectionFocus {
  readonly from?: string;
  readonly to?: string;
  readonly port?: { readonly protocol: Protocol; readonly port: number };
}

/** Whether an external range is the side a focus names: it holds the address, or has that very name. */
export function isRangeSide(range: IpRange, side: string | undefined): boolean {
  if (side === undefined) return true;
  const ip = parseIp(side);
  return ip ? containsIp(range, ip.family, ip.value) : formatIpRange(range) === side;
}

export function isSide(endpoint: Endpoint, side: string | undefined): boolean {
  if (side === undefined) return true;
  if (endpoint.kind === 'workload') return endpoint.peer.id === side;
  return isRangeSide(endpoint.range, side);
}

/** The workload a focus names, `ip` for an address or range, `undefined` for no focus (or an unknown name). */
export function scopeSide(result: Reachability, side: string | undefined): WorkloadPeer | 'ip' | undefined {
  if (side === undefined) return undefined;
  if (parseIp(side) || /^[0-9a-f.:]+-[0-9a-f.:]+$/i.test(side)) return 'ip';
  return result.peers.find((p) => p.id === side);
}

export function dropUndefined(scope: {
  from: ConnectionScope['from'];
  to: ConnectionScope['to'];
}): ConnectionScope {
  return {
    ...(scope.from === undefined ? {} : { from: scope.from }),
    ...(scope.to === undefined ? {} : { to: scope.to }),
  };
}
