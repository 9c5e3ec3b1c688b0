/** @module require-node-os-upgrade: the node OS upgrade channel applies security patches on its own. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

/** `None` and `Unmanaged` leave patching to you (Unmanaged relies on the OS's own updates and no reimage). */
const PATCHING_CHANNELS = new Set(['securitypatch', 'nodeimage']);

export default defineRule({
  id: 'require-node-os-upgrade',
  title: 'The node OS upgrade channel is SecurityPatch or NodeImage',
  surface: 'nodes',
  severity: 'medium',
  rationale:
    'A node image that was current at provisioning accumulates unpatched kernel and OS vulnerabilities, which is exactly what a container breakout needs. The SecurityPatch and NodeImage channels have AKS apply patched images on a cadence, so a kernel fix reaches the nodes within days; None or Unmanaged leave it to a manual cycle that is usually late.',
  remediation: {
    summary: 'Set the node OS upgrade channel to SecurityPatch (or NodeImage) with a maintenance window.',
    az: 'az aks update -g <rg> -n <cluster> --node-os-upgrade-channel SecurityPatch',
    terraform: 'node_os_upgrade_channel = "SecurityPatch"',
    arm: "properties.autoUpgradeProfile.nodeOSUpgradeChannel: 'SecurityPatch'",
  },
  reads: ['cluster'],
  peers: { azurePolicy: ['04408ca5'] },
  references: [
    GUIDANCE.checklist,
    GUIDANCE.priorityMatrix,
    GUIDANCE.verification,
    {
      title: 'Autoupgrade node OS images',
      url: 'https://learn.microsoft.com/azure/aks/auto-upgrade-node-os-image',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      checkSetting(context, cluster, {
        setting: cluster.upgrade.nodeOSChannel,
        label: 'the node OS upgrade channel',
        isCompliant: (channel) => PATCHING_CHANNELS.has(channel.toLowerCase()),
      });
    });
  },
});
