/** @module no-cross-namespace-reach: no workload is reachable from another tenant's namespace unless a policy names it. */
import { formatPath, isApplicationNamespace } from '../../model/index.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { podLabelsPath, workloadSubject } from './netpol-rules.js';

export default defineRule({
  id: 'no-cross-namespace-reach',
  title: 'No workload is reachable from another tenant’s namespace unless a policy names it',
  surface: 'network',
  severity: 'high',
  rationale:
    'Namespaces separate teams and tenants only if the network does too. A workload that pods of another ' +
    'namespace can reach without any policy naming them (no ingress policy at all, or a rule open to every ' +
    'namespace) lets a compromise in one tenant pivot to another’s services and databases: the lateral ' +
    'movement the hardening guidance’s worked breach walks. Computed from the exact reachability of all policies.',
  remediation: {
    summary:
      'Isolate the workload for ingress (namespace default-deny) and allow other namespaces only by name: namespaceSelector with kubernetes.io/metadata.name or a tenant label.',
    manifest:
      'ingress: [{ from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: <namespace> } } }] }]',
  },
  reads: ['manifests'],
  peers: { kubescape: ['C-0209'] },
  references: [
    GUIDANCE.checklist,
    GUIDANCE.verification,
    {
      title: 'Kubernetes: Network Policies (behavior of to and from selectors)',
      url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors',
    },
  ],
  since: '0.1.0',
  needs: ['reachability'],
  check(context) {
    const reachability = context.analyses.reachability;
    const { result } = reachability;
    const { classes, namespaces } = result.topology;
    const system = context.settings.systemNamespaces;
    // A namespace's tenant is its tenant label, or the namespace itself.
    const tenantOf = (ns: string) => namespaces.get(ns)?.[context.settings.tenantLabel] ?? `namespace:${ns}`;
    const cache = new Map<number, ReturnType<typeof reachability.unnamedReach>>();
    for (const [workload, index] of result.topology.classOf) {
      if (!isApplicationNamespace(workload.namespace, system)) continue;
      const tenant = tenantOf(workload.namespace);
      const isOther = (c: number) => {
        const ns = classes[c]?.namespace ?? '';
        return isApplicationNamespace(ns, system) && tenantOf(ns) !== tenant;
      };
      if (!cache.has(index)) cache.set(index, reachability.unnamedReach(index, isOther));
      const reach = cache.get(index);
      const base = { subject: workloadSubject(workload), path: podLabelsPath(workload) };
      if (!reach) {
        context.report({
          ...base,
          status: 'pass',
          message: `${workload.display} is reachable from other tenants only where a policy names them.`,
        });
        continue;
      }
      const source = result.peers[classes[reach.source]?.peers[0] ?? -1]?.id ?? 'another namespace';
      const how = reach.rule
        ? `${reach.rule.policy.id} ${formatPath(reach.rule.rule.path)} admits every ${reach.rule.allPeers ? 'peer' : 'namespace'}`
        : 'no ingress policy isolates it';
      context.report({
        ...base,
        message: `${workload.display} is reachable from ${source} (${reachability.describePorts(reach.ports)}): ${how}.`,
      });
    }
  },
});
