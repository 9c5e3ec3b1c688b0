/** @module require-kms-etcd-encryption: Kubernetes Secrets in etcd are encrypted with a customer key in Key Vault (KMS). */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

export default defineRule({
  id: 'require-kms-etcd-encryption',
  title: 'etcd is encrypted with a customer-managed Key Vault key (KMS)',
  surface: 'secrets',
  severity: 'low',
  rationale:
    'AKS encrypts etcd’s disks with platform keys, which protects the disk, not the data: a backup or snapshot of etcd holds Secrets that Microsoft’s keys alone unlock. KMS encryption wraps each Secret with a key you hold in Key Vault, so you can rotate or revoke it and every decryption is logged. It does not protect Secrets from identities RBAC lets read them; that is why this is low and Key Vault plus workload identity come first.',
  remediation: {
    summary: 'Enable Key Vault KMS for etcd with a key you own (and rotate it on a schedule).',
    az: 'az aks update -g <rg> -n <cluster> --enable-azure-keyvault-kms --azure-keyvault-kms-key-id <key-id> --azure-keyvault-kms-key-vault-network-access Public',
    terraform: 'key_management_service {\n  key_vault_key_id = azurerm_key_vault_key.etcd.id\n}',
    arm: "properties.securityProfile.azureKeyVaultKms: { enabled: true, keyId: '<key-id>' }",
  },
  reads: ['cluster'],
  peers: { cis: ['5.3.1'] },
  references: [
    GUIDANCE.guide,
    {
      title: 'Add Key Management Service etcd encryption to an AKS cluster',
      url: 'https://learn.microsoft.com/azure/aks/use-kms-etcd-encryption',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      checkSetting(context, cluster, {
        setting: cluster.security.keyVaultKms,
        label: 'Key Vault KMS encryption of etcd',
        isCompliant: (enabled) => enabled,
        show: (enabled) => (enabled ? 'enabled' : 'disabled'),
      });
    });
  },
});
