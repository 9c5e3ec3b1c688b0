/** @module require-uptime-sla: the cluster is on a tier with a financially backed API server SLA. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

/** `Paid` is the tier's name before API version 2023-02-01; `Premium` adds long-term support. */
const SLA_TIERS = new Set(['standard', 'premium', 'paid']);

export default defineRule({
  id: 'require-uptime-sla',
  title: 'The cluster is on the Standard or Premium tier (uptime SLA)',
  surface: 'posture',
  severity: 'info',
  rationale:
    'On the Free tier the control plane has no uptime SLA and is sized for development: under load, or during an incident when every responder runs kubectl at once, the API server can throttle or stall, and with it admission control, policy rollout and the ability to isolate a compromised workload. The Standard tier scales the control plane and backs it with an SLA.',
  remediation: {
    summary: 'Move production clusters to the Standard tier (or Premium for long-term support).',
    az: 'az aks update -g <rg> -n <cluster> --tier standard',
    terraform: 'sku_tier = "Standard"',
    arm: "sku: { name: 'Base', tier: 'Standard' }",
  },
  reads: ['cluster'],
  peers: { checkov: ['CKV_AZURE_170'] },
  references: [
    GUIDANCE.guide,
    {
      title: 'Free, Standard and Premium pricing tiers for AKS cluster management',
      url: 'https://learn.microsoft.com/azure/aks/free-standard-pricing-tiers',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      checkSetting(context, cluster, {
        setting: cluster.skuTier,
        label: 'the pricing tier',
        isCompliant: (tier) => SLA_TIERS.has(tier.toLowerCase()),
      });
    });
  },
});
