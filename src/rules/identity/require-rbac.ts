/** @module require-rbac: Kubernetes RBAC authorizes requests to the API server. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

export default defineRule({
  id: 'require-rbac',
  title: 'Kubernetes RBAC is enabled',
  surface: 'identity',
  severity: 'critical',
  rationale:
    'Without Kubernetes RBAC the API server does not authorize requests by role: every identity that ' +
    'authenticates can do everything, so one leaked token or kubeconfig is full control of the cluster and ' +
    'every secret in it. Least privilege on the data plane, and Azure RBAC for Kubernetes authorization, both ' +
    'need it. It can only be set when the cluster is created.',
  remediation: {
    summary: 'Recreate the cluster with Kubernetes RBAC enabled (the default) and migrate the workloads.',
    az: 'az aks create -g <rg> -n <cluster> ... (without --disable-rbac)',
    terraform: 'role_based_access_control_enabled = true',
    arm: 'properties.enableRBAC: true',
  },
  reads: ['cluster'],
  peers: { checkov: ['CKV_AZURE_5'], trivy: ['AVD-AZU-0042'] },
  references: [
    GUIDANCE.guide,
    {
      title: 'Access and identity options for AKS: Kubernetes RBAC',
      url: 'https://learn.microsoft.com/en-us/azure/aks/concepts-identity',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      checkSetting(context, cluster, {
        setting: cluster.identity.enableRBAC,
        label: 'Kubernetes RBAC',
        isCompliant: (enabled) => enabled,
        show: (enabled) => (enabled ? 'enabled' : 'disabled'),
        failMessage: () =>
          'Kubernetes RBAC is disabled: every authenticated identity can do anything in the cluster',
      });
    });
  },
});
