/** @module Observed connections (flow logs) as edges of the communication graph. */
import { parseIp } from '../../model/index.js';
import type { ObservedConnection, ObservedEndpoint, ObservedTraffic, Workload } from '../../model/index.js';
import { groupBy, workloadKeyOf } from '../../model/index.js';
import type { EdgeSet, GraphEndpoint } from './graph.js';
import { singlePort } from './ports.js';
import type { FrontedService } from './services.js';
import { portMapping, targetPortOn } from './services.js';

/**
 * Past this many distinct client addresses, a workload serves the internet: one rule from every address on
 * the observed ports says so better than a list of client addresses that changes every day.
 */
export const MAX_EXTERNAL_CLIENTS = 8;

export interface UnresolvedObservation {
  readonly connection: ObservedConnection;
  readonly reason: string;
}

function hostCidr(ip: string): string | undefined {
  const parsed = parseIp(ip);
  return parsed ? `${ip}/${parsed.family === 4 ? 32 : 128}` : undefined;
}

function toEndpoint(
  endpoint: ObservedEndpoint,
  byKey: ReadonlyMap<string, Workload>,
): GraphEndpoint | string {
  switch (endpoint.kind) {
    case 'workload': {
      const workload = byKey.get(workloadKeyOf(endpoint.workload));
      return workload
        ? { kind: 'workload', workload }
        : `${workloadKeyOf(endpoint.workload)} is not in the inputs`;
    }
    case 'cluster-dns':
      return { kind: 'cluster-dns' };
    case 'external':
      return hostCidr(endpoint.ip) === undefined
        ? `${endpoint.ip} is not an IP address`
        : { kind: 'cidr', cidr: hostCidr(endpoint.ip) ?? '' };
  }
}

/** Adds every forwarded connection as an edge; returns those that name nothing of the model. */
/** `Service shop/api port 80->8080; ` when a Service fronts the destination on the observed port. */
function serviceOf(to: GraphEndpoint, port: number, services: readonly FrontedService[]): string {
  if (to.kind !== 'workload') return '';
  for (const service of services) {
    if (!service.workloads.includes(to.workload)) continue;
    const hit = service.ports.find((p) => targetPortOn(p, to.workload) === port);
    if (hit)
      return `Service ${service.namespace}/${service.name} port ${hit.port === port ? port : portMapping(hit.port, port)}; `;
  }
  return '';
}

export function addObservedEdges(
  traffic: ObservedTraffic,
  workloads: readonly Workload[],
  services: readonly FrontedService[],
  edges: EdgeSet,
): UnresolvedObservation[] {
  const byKey = new Map(workloads.map((w) => [workloadKeyOf(w), w]));
  const unresolved: UnresolvedObservation[] = [];
  // Many internet clients of one workload and port collapse into one rule from every address.
  const inbound = groupBy(
    traffic.connections.filter((c) => c.from.kind === 'external' && c.to.kind === 'workload'),
    (c) => JSON.stringify([c.to, c.protocol, c.port]),
  );
  const collapsed = new Set<ObservedConnection>();
  for (const group of inbound.values()) {
    if (group.length <= MAX_EXTERNAL_CLIENTS) continue;
    for (const c of group) collapsed.add(c);
    const first = group[0] as ObservedConnection;
    const to = toEndpoint(first.to, byKey);
    if (typeof to === 'string') continue;
    const v6 = group.some((c) => c.from.kind === 'external' && c.from.ip.includes(':'));
    edges.add({ kind: 'cidr', cidr: v6 ? '::/0' : '0.0.0.0/0' }, to, singlePort(first.protocol, first.port), {
      source: 'flows',
      text: `${group.length} internet clients on ${first.protocol} ${first.port}`,
      at: group.flatMap((c) => c.evidence).slice(0, 3),
      flows: group.reduce((n, c) => n + c.flows, 0),
    });
  }
  for (const connection of traffic.connections) {
    if (collapsed.has(connection)) continue;
    const from = toEndpoint(connection.from, byKey);
    const to = toEndpoint(connection.to, byKey);
    if (typeof from === 'string' || typeof to === 'string') {
      unresolved.push({ connection, reason: typeof from === 'string' ? from : (to as string) });
      continue;
    }
    const names = connection.names?.length ? ` (${connection.names.join(', ')})` : '';
    edges.add(from, to, singlePort(connection.protocol, connection.port), {
      source: 'flows',
      text: `${serviceOf(to, connection.port, services)}flows: ${connection.flows} on ${connection.protocol} ${connection.port}${names}`,
      at: connection.evidence,
      flows: connection.flows,
    });
  }
  return unresolved;
}
