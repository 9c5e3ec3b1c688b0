/** @module require-keyvault-csi: the Azure Key Vault provider for the Secrets Store CSI driver is enabled. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

export default defineRule({
  id: 'require-keyvault-csi',
  title: 'The Key Vault Secrets Store CSI add-on is enabled',
  surface: 'secrets',
  severity: 'medium',
  rationale:
    'A credential kept as a Kubernetes Secret is base64 in etcd, readable by every identity with get or list on Secrets in its namespace, with no read audit and no rotation. The Key Vault CSI add-on mounts secrets from Key Vault into the pod at start, so the value lives in a vault with its own access control, audit log and rotation, and an attacker who reads the namespace’s Secrets finds nothing.',
  remediation: {
    summary:
      'Enable the azure-keyvault-secrets-provider add-on and mount secrets through a SecretProviderClass instead of Kubernetes Secrets.',
    az: 'az aks enable-addons -g <rg> -n <cluster> --addons azure-keyvault-secrets-provider',
    terraform: 'key_vault_secrets_provider {\n  secret_rotation_enabled = true\n}',
    arm: 'properties.addonProfiles.azureKeyvaultSecretsProvider.enabled: true',
  },
  reads: ['cluster'],
  peers: { cis: ['4.5.2'] },
  references: [
    GUIDANCE.checklist,
    GUIDANCE.rolloutOrder,
    {
      title: 'Use the Azure Key Vault provider for Secrets Store CSI Driver in an AKS cluster',
      url: 'https://learn.microsoft.com/azure/aks/csi-secrets-store-driver',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      checkSetting(context, cluster, {
        setting: cluster.addons.azureKeyvaultSecretsProvider,
        label: 'the Key Vault Secrets Store CSI add-on',
        isCompliant: (enabled) => enabled,
        show: (enabled) => (enabled ? 'enabled' : 'disabled'),
      });
    });
  },
});
