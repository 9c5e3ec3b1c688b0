/** @module no-local-accounts: static local cluster credentials are disabled, so every user authenticates through Entra ID. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

export default defineRule({
  id: 'no-local-accounts',
  title: 'Local accounts are disabled',
  surface: 'identity',
  severity: 'critical',
  rationale:
    'Local accounts are static Kubernetes credentials with no link to Entra ID: they bypass Entra ' +
    'authentication, MFA, Conditional Access and its sign-in logs, and the admin credential is bound to ' +
    'cluster-admin. Anyone holding an Azure role that can list the cluster admin credential ' +
    '(listClusterAdminCredential) downloads a kubeconfig that is cluster-admin, and it keeps working after ' +
    'their Entra account is disabled. Keeping them "for emergencies" keeps the bypass; use a break-glass ' +
    'Entra group instead.',
  remediation: {
    summary:
      'Disable local accounts once managed Entra ID integration works, and rotate the cluster certificates to void issued admin kubeconfigs.',
    az: 'az aks update -g <rg> -n <cluster> --disable-local-accounts',
    terraform: 'local_account_disabled = true',
    arm: 'properties.disableLocalAccounts: true',
  },
  reads: ['cluster'],
  peers: { checkov: ['CKV_AZURE_141'], azurePolicy: ['993c2fcd'] },
  references: [
    GUIDANCE.priorityMatrix,
    {
      title: 'Manage local accounts with AKS-managed Microsoft Entra integration',
      url: 'https://learn.microsoft.com/en-us/azure/aks/manage-local-accounts-managed-azure-ad',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      checkSetting(context, cluster, {
        setting: cluster.identity.disableLocalAccounts,
        label: 'local accounts',
        isCompliant: (disabled) => disabled,
        show: (disabled) => (disabled ? 'disabled' : 'enabled'),
        failMessage: () =>
          'Local accounts are enabled: they bypass Entra ID, and anyone who can list the cluster admin ' +
          'credentials is cluster-admin',
      });
    });
  },
});
