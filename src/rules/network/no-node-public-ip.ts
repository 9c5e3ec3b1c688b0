/** @module no-node-public-ip: no node pool gives its nodes public IP addresses. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { forEachCluster } from '../check-setting.js';
import { checkPoolSetting, forEachPool } from '../check-pool-setting.js';

export default defineRule({
  id: 'no-node-public-ip',
  title: 'Node pools have no public IPs',
  surface: 'network',
  severity: 'high',
  rationale:
    'A node with its own public IP is directly addressable from the internet: the kubelet, SSH, NodePorts ' +
    'and any hostNetwork pod are one NSG mistake away from exposure, and its outbound traffic bypasses the ' +
    'egress path the cluster is meant to use. Nodes belong on private addresses behind a load balancer or ' +
    'firewall, where the cluster controls what reaches them.',
  remediation: {
    summary:
      'Create node pools without node public IPs and move workloads off pools that have them (the setting cannot change on an existing pool).',
    az: 'az aks nodepool add -g <rg> --cluster-name <cluster> -n <pool> (without --enable-node-public-ip), then az aks nodepool delete the old pool',
    terraform:
      'default_node_pool { node_public_ip_enabled = false } (azurerm 3.x: enable_node_public_ip = false)',
    arm: 'properties.agentPoolProfiles[*].enableNodePublicIP: false',
  },
  reads: ['cluster'],
  peers: { checkov: ['CKV_AZURE_143'] },
  references: [
    GUIDANCE.guide,
    {
      title: 'Use instance-level public IPs in AKS',
      url: 'https://learn.microsoft.com/en-us/azure/aks/use-node-public-ips',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      forEachPool(context, cluster, (pool) => {
        checkPoolSetting(context, cluster, pool, {
          setting: pool.enableNodePublicIP,
          label: 'node public IP',
          isCompliant: (enabled) => !enabled,
          show: (enabled) => (enabled ? 'enabled' : 'disabled'),
        });
      });
    });
  },
});
