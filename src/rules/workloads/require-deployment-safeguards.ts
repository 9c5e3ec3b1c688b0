/** @module require-deployment-safeguards: Deployment Safeguards run at Warn or Enforce. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

/** The levels that check workloads: `Warn`/`Enforce` (deploymentSafeguards resource) and `Warning`/`Enforcement` (the older safeguardsProfile). */
const ACTIVE_LEVELS = new Set(['warn', 'warning', 'enforce', 'enforcement']);

export default defineRule({
  id: 'require-deployment-safeguards',
  title: 'Deployment Safeguards are at Warn or Enforce',
  surface: 'workloads',
  severity: 'medium',
  rationale:
    'Deployment Safeguards apply AKS’s built-in set of workload best practices (no privileged or host-namespace pods, resource requests, probes, no `latest` tags, the system pool kept for critical add-ons) through Azure Policy at admission. Off, a misconfigured or hostile manifest deploys silently; at Warn every kubectl apply shows the violation, and at Enforce the worst ones are denied or mutated before they run.',
  remediation: {
    summary:
      'Turn Deployment Safeguards on at Warn, fix what it reports, then move to Enforce (the Azure Policy add-on must be enabled).',
    az: 'az aks safeguards create -g <rg> -n <cluster> --level Warn',
    terraform:
      'resource "azurerm_kubernetes_cluster_deployment_safeguard" "this" {\n  kubernetes_cluster_id = azurerm_kubernetes_cluster.<name>.id\n  level                 = "Warn"\n}',
    arm: "Microsoft.ContainerService/deploymentSafeguards 'default' scoped to the cluster: properties.level: 'Warn' (or 'Enforce')",
  },
  reads: ['cluster'],
  peers: {},
  references: [
    GUIDANCE.checklist,
    GUIDANCE.rolloutOrder,
    {
      title: 'Use Deployment Safeguards to enforce best practices in AKS',
      url: 'https://learn.microsoft.com/azure/aks/deployment-safeguards',
    },
    {
      title: 'Microsoft.ContainerService deploymentSafeguards (ARM/Bicep reference)',
      url: 'https://learn.microsoft.com/azure/templates/microsoft.containerservice/deploymentsafeguards',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      checkSetting(context, cluster, {
        setting: cluster.security.deploymentSafeguards,
        label: 'the Deployment Safeguards level',
        isCompliant: (level) => ACTIVE_LEVELS.has(level.toLowerCase()),
        failMessage: (level) => `Deployment Safeguards are at level ${level}, which checks nothing`,
      });
    });
  },
});
