/** @module require-azure-policy: the Azure Policy add-on (Gatekeeper) runs admission control in the cluster. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

export default defineRule({
  id: 'require-azure-policy',
  title: 'The Azure Policy add-on is enabled',
  surface: 'workloads',
  severity: 'high',
  rationale:
    'Without an admission controller nothing stops a pod that runs privileged, shares the host’s namespaces, mounts the node’s filesystem or pulls an image from anywhere: anyone allowed to create a pod can turn it into a node breakout. The Azure Policy add-on deploys Gatekeeper and enforces the policies assigned at subscription or resource-group scope, so every new cluster inherits the registry allowlist and the pod security rules, audited first and then denied.',
  remediation: {
    summary:
      'Enable the azure-policy add-on, then assign the Kubernetes pod security initiative (audit first, then deny).',
    az: 'az aks enable-addons -g <rg> -n <cluster> --addons azure-policy',
    terraform: 'azure_policy_enabled = true',
    arm: 'properties.addonProfiles.azurepolicy.enabled: true',
  },
  reads: ['cluster'],
  peers: { checkov: ['CKV_AZURE_116'], trivy: ['AVD-AZU-0066'] },
  references: [
    GUIDANCE.checklist,
    GUIDANCE.priorityMatrix,
    GUIDANCE.rolloutOrder,
    GUIDANCE.verification,
    {
      title: 'Secure your cluster with Azure Policy',
      url: 'https://learn.microsoft.com/azure/aks/use-azure-policy',
    },
    {
      title: 'Understand Azure Policy for Kubernetes clusters',
      url: 'https://learn.microsoft.com/azure/governance/policy/concepts/policy-for-kubernetes',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      checkSetting(context, cluster, {
        setting: cluster.addons.azurepolicy,
        label: 'the Azure Policy add-on',
        isCompliant: (enabled) => enabled,
        show: (enabled) => (enabled ? 'enabled' : 'disabled'),
      });
    });
  },
});
