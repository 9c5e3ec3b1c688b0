/** @module no-unenforced-network-policies: NetworkPolicy objects exist, so a policy engine must enforce them. */
import { clusterSubject, objectSubject } from '../../model/index.js';
import { defineRule, GUIDANCE } from '../define-rule.js';

export default defineRule({
  id: 'no-unenforced-network-policies',
  title: 'NetworkPolicies in the manifests are enforced by a network policy engine',
  surface: 'network',
  severity: 'critical',
  rationale:
    'The API server accepts NetworkPolicy objects whether or not anything enforces them. On an AKS cluster ' +
    'created without a network policy engine (networkPolicy none, or cilium without the Cilium dataplane) the ' +
    'default-deny and allow-lists in the manifests do nothing: every pod reaches every other pod, and the team ' +
    'believes the network is segmented while an attacker moves laterally unhindered.',
  remediation: {
    summary:
      'Enable a network policy engine on the cluster (Cilium for new clusters, or Azure NPM or Calico), or stop relying on the NetworkPolicies.',
    az: 'az aks update -g <rg> -n <cluster> --network-dataplane cilium --network-policy cilium',
    terraform: 'network_profile { network_policy = "cilium", network_data_plane = "cilium" }',
    arm: "properties.networkProfile.networkPolicy: 'cilium' with properties.networkProfile.networkDataplane: 'cilium'",
  },
  reads: ['cluster', 'manifests'],
  peers: {},
  references: [
    GUIDANCE.checklist,
    GUIDANCE.rolloutOrder,
    GUIDANCE.verification,
    {
      title: 'Kubernetes: Network Policies (prerequisites: a network plugin that implements them)',
      url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#prerequisites',
    },
    {
      title: 'Secure traffic between pods by using network policies in AKS',
      url: 'https://learn.microsoft.com/en-us/azure/aks/use-network-policies',
    },
  ],
  since: '0.1.0',
  needs: ['reachability'],
  check(context) {
    const policies = context.model.objects.filter((o) => o.kind === 'NetworkPolicy');
    const first = policies[0];
    if (!first) return;
    const count = `${policies.length} NetworkPolic${policies.length === 1 ? 'y' : 'ies'}`;
    if (context.model.clusters.length === 0) {
      context.report({
        subject: objectSubject(first),
        status: 'not-assessed',
        message: `The manifests hold ${count}, but no cluster definition is in the inputs: whether an engine enforces them is unknown.`,
      });
      return;
    }
    for (const cluster of context.model.clusters) {
      const setting = cluster.network.networkPolicy;
      const base = { subject: clusterSubject(cluster), path: setting.path, at: setting.at };
      const enforcement = context.analyses.reachability.enforcementOf(cluster);
      switch (enforcement.state) {
        case 'enforced':
          context.report({ ...base, status: 'pass', message: `${count} enforced: ${enforcement.reason}.` });
          break;
        case 'not-enforced':
        case 'assumed':
          context.report({
            ...base,
            message: `${count} in the manifests enforce nothing: ${enforcement.reason}.`,
          });
          break;
        case 'unknown':
          context.report({
            ...base,
            status: 'not-assessed',
            message: `${count} in the manifests; ${enforcement.reason}.`,
          });
          break;
      }
    }
  },
});
