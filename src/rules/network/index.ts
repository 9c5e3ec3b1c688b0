/** @module The network rules, in id order. */
import type { AnyRule } from '../define-rule.js';
import noCrossNamespaceReach from './no-cross-namespace-reach.js';
import noEmptyPolicySelectorMatch from './no-empty-policy-selector-match.js';
import noExternalIps from './no-external-ips.js';
import noNodePublicIp from './no-node-public-ip.js';
import noPublicLoadBalancer from './no-public-load-balancer.js';
import noUnenforcedNetworkPolicies from './no-unenforced-network-policies.js';
import noUnselectedWorkloads from './no-unselected-workloads.js';
import requireAzureCni from './require-azure-cni.js';
import requireDefaultDeny from './require-default-deny.js';
import requireDnsEgress from './require-dns-egress.js';
import requireEgressControl from './require-egress-control.js';
import requireIngressTls from './require-ingress-tls.js';
import requireNetworkPolicyEngine from './require-network-policy-engine.js';

export const rules: readonly AnyRule[] = [
  noCrossNamespaceReach,
  noEmptyPolicySelectorMatch,
  noExternalIps,
  noNodePublicIp,
  noPublicLoadBalancer,
  noUnenforcedNetworkPolicies,
  noUnselectedWorkloads,
  requireAzureCni,
  requireDefaultDeny,
  requireDnsEgress,
  requireEgressControl,
  requireIngressTls,
  requireNetworkPolicyEngine,
];
