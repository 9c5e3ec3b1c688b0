/** @module require-default-deny: every application namespace isolates all its pods for ingress and egress. */
import type { NetworkPolicyRule, ParsedPolicy } from '../kit/analyses.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { applicationNamespaces } from './netpol-rules.js';

function defaultDeny(namespace: string, types: readonly string[]): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: ${namespace} }
spec: { podSelector: {}, policyTypes: [${types.join(', ')}] }`;
}

const CONSEQUENCE = {
  ingress: 'accept connections from anywhere',
  egress: 'may connect anywhere, the internet included',
} as const;

/**
 * A rule that lets everything through: every port, and every peer (no \`from\`/\`to\`, all pods of all
 * namespaces, or the whole address space).
 */
function isAllowAll(rule: NetworkPolicyRule): boolean {
  if (rule.ports !== undefined) return false;
  if (rule.peers === undefined) return true;
  return rule.peers.some((peer) =>
    peer.kind === 'pods'
      ? peer.podSelector.requirements.length === 0 && peer.namespaceSelector?.requirements.length === 0
      : peer.except.length === 0 &&
        peer.cidr.lo === 0n &&
        (peer.cidr.hi === 2n ** 32n - 1n || peer.cidr.hi === 2n ** 128n - 1n),
  );
}

/** A policy that selects every pod of its namespace and, for `direction`, allows less than everything. */
function deniesByDefault(policy: ParsedPolicy, direction: 'ingress' | 'egress'): boolean {
  if (policy.podSelector?.requirements.length !== 0) return false;
  const affects = direction === 'ingress' ? policy.affectsIngress : policy.affectsEgress;
  return affects && !policy[direction].some(isAllowAll);
}

export default defineRule({
  id: 'require-default-deny',
  title: 'Every application namespace has a default-deny NetworkPolicy for ingress and egress',
  surface: 'network',
  severity: 'critical',
  rationale:
    'A pod that no NetworkPolicy selects accepts connections from every pod in the cluster and may connect ' +
    'anywhere, including the internet and the Azure instance metadata endpoint. A default-deny policy ' +
    '(podSelector {} for Ingress and Egress) makes every connection an explicit allow, so a compromised pod ' +
    'cannot scan the cluster, reach databases in other namespaces or exfiltrate data by default.',
  remediation: {
    summary:
      'Add a NetworkPolicy with podSelector {} and policyTypes [Ingress, Egress] to each application namespace, then allow what each workload needs (DNS first).',
    manifest: defaultDeny('<namespace>', ['Ingress', 'Egress']),
  },
  reads: ['manifests'],
  peers: { kubescape: ['C-0206'], cis: ['4.4.2'] },
  references: [
    GUIDANCE.checklist,
    GUIDANCE.priorityMatrix,
    GUIDANCE.rolloutOrder,
    {
      title: 'Kubernetes: Network Policies (default policies)',
      url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies',
    },
  ],
  since: '0.1.0',
  needs: ['reachability'],
  check(context) {
    const { policies } = context.analyses.reachability.result;
    for (const namespace of applicationNamespaces(context)) {
      const own = policies.filter((p) => p.namespace === namespace.name);
      const missing = (['ingress', 'egress'] as const).filter((d) => !own.some((p) => deniesByDefault(p, d)));
      const base = { subject: namespace.subject };
      if (missing.length === 0) {
        context.report({
          ...base,
          status: 'pass',
          message: `Namespace ${namespace.name} denies ingress and egress by default.`,
        });
        continue;
      }
      const types = missing.map((d) => (d === 'ingress' ? 'Ingress' : 'Egress'));
      context.report({
        ...base,
        message:
          `Namespace ${namespace.name} has no default-deny NetworkPolicy for ${missing.join(' or ')}: ` +
          `pods that no other policy selects ${missing.map((d) => CONSEQUENCE[d]).join(' and ')}.`,
        fix: `Add to namespace ${namespace.name}:\n${defaultDeny(namespace.name, types)}`,
      });
    }
  },
});
