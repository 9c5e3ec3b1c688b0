/** @module NetworkPolicies from the communication graph, proven by the reachability engine before they are written. */
export { planNetworkPolicies } from './plan-network-policies.js';
export type {
  NamespaceNetworkFix,
  NetworkFixOptions,
  NetworkFixResult,
  NetworkFixStep,
  NetworkProof,
  SeveredEdge,
} from './plan-network-policies.js';
export type { CommunicationEdge, Evidence, EvidenceSource, GraphEndpoint } from './graph.js';
export { describeEndpoint } from './graph.js';
export type { ExternalHost, IngressNeed } from './declared-graph.js';
export type { RenderedPolicy } from './render.js';
export type { RuleClosure } from './rule-closures.js';
export type { ClosedConnection } from './simulate.js';
export type { VerificationCommand } from './verification.js';
