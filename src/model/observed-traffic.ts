/** @module Traffic observed on a running cluster (Hubble flow logs), resolved to the model's workloads. */
import type { SourceLocation } from './source-location.js';

/** A workload of the model, by the identity `extractWorkloads` gives it. */
export interface WorkloadKey {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/**
 * One side of an observed connection: a workload of the model, an address outside the cluster (with the
 * DNS names the flow log gave it), or cluster DNS (CoreDNS, which AKS manages and an input rarely holds).
 */
export type ObservedEndpoint =
  | { readonly kind: 'workload'; readonly workload: WorkloadKey }
  | { readonly kind: 'external'; readonly ip: string; readonly names: readonly string[] }
  | { readonly kind: 'cluster-dns' };

export type ObservedProtocol = 'TCP' | 'UDP' | 'SCTP';

/** A connection seen at least once: who opened it, to whom, on which destination port. */
export interface ObservedConnection {
  readonly from: ObservedEndpoint;
  readonly to: ObservedEndpoint;
  readonly protocol: ObservedProtocol;
  readonly port: number;
  /** How many flow records showed it (the same connection is often seen at both ends). */
  readonly flows: number;
  /** Where it was seen: the first few records, file and line. */
  readonly evidence: readonly SourceLocation[];
  /** DNS names the workload looked up for this destination (`flow.destination_names`). */
  readonly names?: readonly string[];
}

export interface ObservedTraffic {
  /** Forwarded (or audited) connections: the legitimate traffic a fix must preserve. */
  readonly connections: readonly ObservedConnection[];
  /** Connections the cluster already dropped: not traffic to preserve, reported on their own. */
  readonly dropped: readonly ObservedConnection[];
  /** Names each workload resolved through cluster DNS (`flow.l7.dns.query`), by `kind/namespace/name`. */
  readonly dnsQueries: ReadonlyMap<string, readonly string[]>;
  /** Flow records read, and those set aside (replies, node traffic, other clusters). */
  readonly counts: {
    readonly records: number;
    readonly replies: number;
    readonly ignored: number;
    readonly unmatched: number;
  };
}

export function workloadKeyOf(key: WorkloadKey): string {
  return `${key.kind}/${key.namespace}/${key.name}`;
}
