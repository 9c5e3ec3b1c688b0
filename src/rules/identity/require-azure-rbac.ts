/** @module require-azure-rbac: Azure RBAC authorizes Kubernetes requests, one assignment surface for both planes. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

export default defineRule({
  id: 'require-azure-rbac',
  title: 'Azure RBAC for Kubernetes authorization is enabled',
  surface: 'identity',
  severity: 'high',
  rationale:
    'With Azure RBAC for Kubernetes authorization, in-cluster permissions are Azure role assignments scoped ' +
    'to the cluster or a namespace, reviewed and audited where the Azure-plane ones are. Without it the real ' +
    'authority lives in ClusterRoleBindings written by hand inside the cluster, the common pattern where ' +
    'Azure RBAC looks tight and Kubernetes RBAC quietly grants cluster-admin to whoever asked.',
  remediation: {
    summary:
      'Enable Azure RBAC for Kubernetes authorization (needs managed Entra integration) and move bindings to Azure role assignments.',
    az: 'az aks update -g <rg> -n <cluster> --enable-azure-rbac',
    terraform: 'azure_active_directory_role_based_access_control { azure_rbac_enabled = true }',
    arm: 'properties.aadProfile.enableAzureRBAC: true',
  },
  reads: ['cluster'],
  peers: { kubescape: ['C-0241'], cis: ['5.5.2'] },
  references: [
    GUIDANCE.checklist,
    {
      title: 'Use Azure RBAC for Kubernetes authorization',
      url: 'https://learn.microsoft.com/en-us/azure/aks/manage-azure-rbac',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      checkSetting(context, cluster, {
        setting: cluster.identity.enableAzureRBAC,
        label: 'Azure RBAC for Kubernetes authorization',
        isCompliant: (enabled) => enabled,
        show: (enabled) => (enabled ? 'enabled' : 'disabled'),
      });
    });
  },
});
