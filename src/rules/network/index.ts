/** @module The network rules, in id order. */
import type { AnyRule } from '../define-rule.js';
import noNodePublicIp from './no-node-public-ip.js';
import requireAzureCni from './require-azure-cni.js';
import requireEgressControl from './require-egress-control.js';
import requireNetworkPolicyEngine from './require-network-policy-engine.js';

export const rules: readonly AnyRule[] = [
  noNodePublicIp,
  requireAzureCni,
  requireEgressControl,
  requireNetworkPolicyEngine,
];
