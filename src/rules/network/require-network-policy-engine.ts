/** @module require-network-policy-engine: a NetworkPolicy engine (azure, calico or cilium) enforces pod isolation. */
import type { AksCluster } from '../../model/index.js';
import { clusterSubject, describeSetting } from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

/** The engines AKS offers. `cilium` is one of them (Azure CNI powered by Cilium), which KICS and Kubescape wrongly reject. */
const ENGINES = new Set(['azure', 'calico', 'cilium']);

/** Cilium network policy is enforced by the Cilium dataplane: AKS accepts `networkPolicy: cilium` only with it. */
function checkCiliumDataplane(context: RuleContext<unknown>, cluster: AksCluster): void {
  const dataplane = cluster.network.networkDataplane;
  const base = {
    subject: clusterSubject(cluster),
    path: dataplane.path,
    at: dataplane.at,
    basis: dataplane.state,
  };
  if (dataplane.state === 'unknown') {
    const message = `The network policy engine is cilium, but the dataplane cannot be decided: ${dataplane.reason}`;
    context.report({ ...base, status: 'not-assessed', message });
    return;
  }
  if (dataplane.value.toLowerCase() === 'cilium') {
    const message =
      'The network policy engine is cilium on the cilium dataplane (Azure CNI powered by Cilium).';
    context.report({ ...base, status: 'pass', message });
    return;
  }
  context.report({
    ...base,
    message:
      `The network policy engine is cilium but the dataplane is ${describeSetting(dataplane)}: ` +
      'cilium policy requires the cilium dataplane, so no engine enforces NetworkPolicies.',
  });
}

export default defineRule({
  id: 'require-network-policy-engine',
  title: 'A network policy engine (azure, calico or cilium) is enabled',
  surface: 'network',
  severity: 'critical',
  rationale:
    'Without a network policy engine the pod network is flat: every pod can reach every other pod on any ' +
    'port, and NetworkPolicy objects are accepted by the API server but enforce nothing, so a compromised ' +
    'container moves laterally to databases in other namespaces. The engine must be chosen at creation, as ' +
    'retrofitting one is disruptive. Azure Network Policy Manager, Calico and Cilium (Azure CNI powered by ' +
    'Cilium, with networkDataplane cilium) are all valid; KICS and Kubescape wrongly reject cilium.',
  remediation: {
    summary:
      'Enable a network policy engine: Cilium (Azure CNI powered by Cilium) for new clusters, or Azure NPM or Calico.',
    az: 'az aks update -g <rg> -n <cluster> --network-dataplane cilium --network-policy cilium (or: --network-policy azure|calico)',
    terraform:
      'network_profile { network_policy = "cilium", network_data_plane = "cilium" } (azurerm 3.x: ebpf_data_plane = "cilium")',
    arm: "properties.networkProfile.networkPolicy: 'cilium' with properties.networkProfile.networkDataplane: 'cilium'",
  },
  reads: ['cluster'],
  peers: { checkov: ['CKV_AZURE_7'], trivy: ['AVD-AZU-0043'], cis: ['5.4.4'] },
  references: [
    GUIDANCE.checklist,
    GUIDANCE.rolloutOrder,
    GUIDANCE.verification,
    {
      title: 'Secure traffic between pods by using network policies in AKS',
      url: 'https://learn.microsoft.com/en-us/azure/aks/use-network-policies',
    },
    {
      title: 'Configure Azure CNI powered by Cilium in AKS',
      url: 'https://learn.microsoft.com/en-us/azure/aks/azure-cni-powered-by-cilium',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      const policy = cluster.network.networkPolicy;
      if (policy.state !== 'unknown' && policy.value.toLowerCase() === 'cilium') {
        checkCiliumDataplane(context, cluster);
        return;
      }
      checkSetting(context, cluster, {
        setting: policy,
        label: 'the network policy engine',
        isCompliant: (engine) => ENGINES.has(engine.toLowerCase()),
        failMessage: (engine) =>
          `The network policy engine is ${engine}: NetworkPolicies enforce nothing and the pod network is flat`,
      });
    });
  },
});
