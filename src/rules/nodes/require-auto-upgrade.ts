/** @module require-auto-upgrade: the cluster auto-upgrade channel is set, so Kubernetes patches arrive on their own. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

export default defineRule({
  id: 'require-auto-upgrade',
  title: 'A cluster auto-upgrade channel is set',
  surface: 'nodes',
  severity: 'medium',
  rationale:
    'Node and upgrade hygiene decays on its own: a cluster hardened once and never upgraded drifts into running Kubernetes patch releases with published CVEs, and then out of the supported window. An auto-upgrade channel (patch, stable or rapid) applies new releases on a cadence inside your maintenance window, so a fix shipped upstream reaches the cluster without anyone remembering to run the upgrade.',
  remediation: {
    summary:
      'Set an auto-upgrade channel (patch or stable for production) and pair it with a planned maintenance window.',
    az: 'az aks update -g <rg> -n <cluster> --auto-upgrade-channel stable',
    terraform: 'automatic_upgrade_channel = "stable"',
    arm: "properties.autoUpgradeProfile.upgradeChannel: 'stable'",
  },
  reads: ['cluster'],
  peers: { checkov: ['CKV_AZURE_171'] },
  references: [
    GUIDANCE.checklist,
    GUIDANCE.verification,
    {
      title: 'Automatically upgrade an AKS cluster',
      url: 'https://learn.microsoft.com/azure/aks/auto-upgrade-cluster',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      checkSetting(context, cluster, {
        setting: cluster.upgrade.channel,
        label: 'the auto-upgrade channel',
        isCompliant: (channel) => channel.toLowerCase() !== 'none',
      });
    });
  },
});
