/** @module require-container-insights: Container Insights (the monitoring add-on) collects logs and metrics. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

export default defineRule({
  id: 'require-container-insights',
  title: 'Container Insights monitoring is enabled',
  surface: 'posture',
  severity: 'low',
  rationale:
    'Container logs and node and pod metrics are what an investigation reconstructs a compromise from: which pod ran what, when a miner pegged the CPU, what a container printed before it was deleted. Container Insights ships them to a Log Analytics workspace outside the cluster, where an attacker who owns a node cannot erase them.',
  remediation: {
    summary: 'Enable the monitoring add-on (Container Insights) with a Log Analytics workspace.',
    az: 'az aks enable-addons -g <rg> -n <cluster> --addons monitoring --workspace-resource-id <workspace-id>',
    terraform: 'oms_agent {\n  log_analytics_workspace_id = azurerm_log_analytics_workspace.<name>.id\n}',
    arm: "properties.addonProfiles.omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: '<workspace-id>' } }",
  },
  reads: ['cluster'],
  peers: { checkov: ['CKV_AZURE_4'] },
  references: [
    GUIDANCE.guide,
    {
      title: 'Enable monitoring for Kubernetes clusters (Container Insights)',
      url: 'https://learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-enable',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      checkSetting(context, cluster, {
        setting: cluster.addons.omsagent,
        label: 'Container Insights (omsagent)',
        isCompliant: (enabled) => enabled,
        show: (enabled) => (enabled ? 'enabled' : 'disabled'),
      });
    });
  },
});
