/** @module require-host-encryption: every node pool encrypts temp disks and disk caches at the VM host. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { forEachCluster } from '../check-setting.js';
import { checkPoolSetting, forEachPool } from '../check-pool-setting.js';

export default defineRule({
  id: 'require-host-encryption',
  title: 'Encryption at host is enabled on every node pool',
  surface: 'nodes',
  severity: 'medium',
  rationale:
    'Server-side encryption covers the managed OS and data disks, but not the VM’s temporary disk or the disk caches on the host, where container layers, emptyDir volumes and swapped pages of pod memory can land. Encryption at host encrypts those too before data leaves the host, so nothing a pod wrote to local storage rests unencrypted on Azure hardware.',
  remediation: {
    summary:
      'Encryption at host is set when a pool is created: add a pool with it enabled, move the workloads, and delete the old pool.',
    az: 'az aks nodepool add -g <rg> --cluster-name <cluster> -n <pool> --enable-encryption-at-host',
    terraform: 'default_node_pool {\n  host_encryption_enabled = true\n}',
    arm: 'properties.agentPoolProfiles[*].enableEncryptionAtHost: true',
  },
  reads: ['cluster'],
  peers: { checkov: ['CKV_AZURE_227'] },
  references: [
    GUIDANCE.guide,
    {
      title: 'Host-based encryption on AKS',
      url: 'https://learn.microsoft.com/azure/aks/enable-host-encryption',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      forEachPool(context, cluster, (pool) => {
        checkPoolSetting(context, cluster, pool, {
          setting: pool.enableEncryptionAtHost,
          label: 'encryption at host',
          isCompliant: (enabled) => enabled,
          show: (enabled) => (enabled ? 'enabled' : 'disabled'),
        });
      });
    });
  },
});
