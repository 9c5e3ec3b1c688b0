/** @module require-cmk-disk-encryption: node disks are encrypted with a customer-managed key (disk encryption set). */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

export default defineRule({
  id: 'require-cmk-disk-encryption',
  title: 'Node OS disks use a disk encryption set with a customer-managed key',
  surface: 'nodes',
  severity: 'low',
  rationale:
    'By default the nodes’ OS and data disks are encrypted with platform-managed keys: the data is encrypted, but you cannot rotate, revoke or audit the key. A disk encryption set backed by a Key Vault key you own lets you cut access to every disk of the cluster in an incident and shows each use of the key, which regulated workloads usually require.',
  remediation: {
    summary:
      'Create a disk encryption set with a Key Vault key and reference it when the cluster is created (it cannot be added later).',
    az: 'az aks create -g <rg> -n <cluster> --node-osdisk-diskencryptionset-id <disk-encryption-set-id> ...',
    terraform: 'disk_encryption_set_id = azurerm_disk_encryption_set.aks.id',
    arm: "properties.diskEncryptionSetID: '<disk-encryption-set-id>'",
  },
  reads: ['cluster'],
  peers: { checkov: ['CKV_AZURE_117'] },
  references: [
    GUIDANCE.guide,
    {
      title: 'Bring your own keys (BYOK) with Azure managed disks in AKS',
      url: 'https://learn.microsoft.com/azure/aks/azure-disk-customer-managed-keys',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      checkSetting(context, cluster, {
        setting: cluster.diskEncryptionSetID,
        label: 'the disk encryption set',
        isCompliant: (id) => id !== null,
        show: (id) => id ?? 'none',
        failMessage: () => 'no disk encryption set: node disks use platform-managed keys',
      });
    });
  },
});
