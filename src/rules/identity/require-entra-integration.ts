/** @module require-entra-integration: users authenticate to the cluster through AKS-managed Entra ID integration. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

export default defineRule({
  id: 'require-entra-integration',
  title: 'AKS-managed Microsoft Entra ID integration is enabled',
  surface: 'identity',
  severity: 'high',
  rationale:
    'Entra integration makes the identities that reach the cluster the same users, groups and workload ' +
    'identities you already govern, with MFA, Conditional Access and one place to revoke them. Without it ' +
    'the cluster relies on its own certificate credentials, which are not tied to a person, cannot be ' +
    'revoked one by one, and leave no Entra sign-in trail, so a copied kubeconfig is a durable foothold.',
  remediation: {
    summary: 'Enable AKS-managed Entra integration with an admin group, then disable local accounts.',
    az: 'az aks update -g <rg> -n <cluster> --enable-aad --aad-admin-group-object-ids <group-object-id>',
    terraform:
      'azure_active_directory_role_based_access_control { admin_group_object_ids = ["<group-object-id>"] } (azurerm 3.x: also managed = true)',
    arm: 'properties.aadProfile.managed: true',
  },
  reads: ['cluster'],
  peers: { azurePolicy: ['450d2877'], cis: ['5.5.1'] },
  references: [
    GUIDANCE.checklist,
    GUIDANCE.rolloutOrder,
    {
      title: 'Enable AKS-managed Microsoft Entra integration',
      url: 'https://learn.microsoft.com/en-us/azure/aks/enable-authentication-microsoft-entra-id',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      checkSetting(context, cluster, {
        setting: cluster.identity.entraManaged,
        label: 'AKS-managed Entra ID integration',
        isCompliant: (enabled) => enabled,
        show: (enabled) => (enabled ? 'enabled' : 'disabled'),
      });
    });
  },
});
