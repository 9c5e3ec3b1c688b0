/** @module NetworkPolicies from the communication graph, proven by the reachability engine before they are written. */
export { planNetworkPolicies } from './plan-network-policies.js';
export type { NetworkFixResult } from './plan-network-policies.js';
export type { RenderedPolicy } from './render.js';
