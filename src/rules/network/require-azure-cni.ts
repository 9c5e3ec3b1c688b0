/** @module require-azure-cni: pods get Azure CNI addresses (overlay or VNet), not kubenet. */
import type { AksCluster } from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

/** How a plugin value reads in messages: Azure CNI's mode, or what `none` means. */
function describePlugin(cluster: AksCluster, plugin: string): string {
  switch (plugin.toLowerCase()) {
    case 'azure': {
      const mode = cluster.network.networkPluginMode;
      if (mode.state === 'unknown') return 'Azure CNI (mode unknown)';
      // No mode (null) is the original Azure CNI: pods take VNet addresses, flat or from a pod subnet.
      return mode.value?.toLowerCase() === 'overlay'
        ? 'Azure CNI Overlay'
        : 'Azure CNI (pod IPs from the VNet)';
    }
    case 'none':
      return 'none (a bring-your-own CNI, which aksward cannot judge)';
    default:
      return plugin;
  }
}

function checkPlugin(context: RuleContext<unknown>, cluster: AksCluster): void {
  checkSetting(context, cluster, {
    setting: cluster.network.networkPlugin,
    label: 'the network plugin',
    // `none` is a bring-your-own CNI: the user chose it deliberately, and the input says nothing about it.
    isCompliant: (plugin) => ['azure', 'none'].includes(plugin.toLowerCase()),
    show: (plugin) => describePlugin(cluster, plugin),
    failMessage: (plugin) =>
      plugin.toLowerCase() === 'kubenet'
        ? 'The network plugin is kubenet: it hides pods behind node addresses, supports only Calico as a ' +
          'policy engine and is retired on 31 March 2028; move to Azure CNI Overlay'
        : `The network plugin is ${plugin}, not Azure CNI`,
  });
}

export default defineRule({
  id: 'require-azure-cni',
  title: 'The cluster uses Azure CNI (overlay or pod subnet) rather than kubenet',
  surface: 'network',
  severity: 'low',
  rationale:
    'The networking model is a decision you own. Kubenet NATs pods behind node addresses through a route ' +
    'table, so network controls outside the cluster cannot tell one pod from another, it supports neither ' +
    'Azure Network Policy Manager nor the Cilium dataplane, and AKS retires it on 31 March 2028. Azure CNI (overlay or pod subnet) is the ' +
    'supported base for the network policy engines and for the Cilium dataplane.',
  remediation: {
    summary: 'Migrate to Azure CNI Overlay (an in-place, one-way update).',
    az: 'az aks update -g <rg> -n <cluster> --network-plugin azure --network-plugin-mode overlay --pod-cidr 192.168.0.0/16',
    terraform: 'network_profile { network_plugin = "azure", network_plugin_mode = "overlay" }',
    arm: "properties.networkProfile.networkPlugin: 'azure' with properties.networkProfile.networkPluginMode: 'overlay'",
  },
  reads: ['cluster'],
  peers: { checkov: ['CKV2_AZURE_29'] },
  references: [
    GUIDANCE.guide,
    {
      title: 'Azure CNI Overlay networking in AKS',
      url: 'https://learn.microsoft.com/en-us/azure/aks/azure-cni-overlay',
    },
    {
      title: 'Update Azure CNI IPAM mode and data plane technology for AKS clusters',
      url: 'https://learn.microsoft.com/en-us/azure/aks/upgrade-aks-ipam-and-dataplane',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      checkPlugin(context, cluster);
    });
  },
});
