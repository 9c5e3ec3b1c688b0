/** @module require-audit-logs: a diagnostic setting sends the Kubernetes audit log (kube-audit or kube-audit-admin) somewhere. */
import type { AksCluster, DiagnosticSetting } from '../../model/index.js';
import { clusterSubject } from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { forEachCluster } from '../check-setting.js';

/** Categories and category groups that include the API server audit events (Azure Monitor resource logs of AKS). */
const AUDIT_CATEGORIES = new Set(['kube-audit', 'kube-audit-admin', 'audit', 'alllogs']);

const sendsAudit = (setting: DiagnosticSetting): boolean | undefined =>
  setting.enabledCategories.state === 'unknown'
    ? undefined
    : setting.enabledCategories.value.some((category) => AUDIT_CATEGORIES.has(category.toLowerCase()));

function assess(context: RuleContext<unknown>, cluster: AksCluster): void {
  const settings = cluster.diagnosticSettings;
  const subject = clusterSubject(cluster);
  const base = { subject, path: settings.path, at: settings.at };
  if (settings.state === 'unknown') {
    context.report({ ...base, status: 'not-assessed', message: `diagnostic settings: ${settings.reason}` });
    return;
  }
  const auditing = settings.value.find((setting) => sendsAudit(setting) === true);
  if (auditing) {
    const message = `diagnostic setting "${auditing.name}" sends the Kubernetes audit log.`;
    context.report({ ...base, at: auditing.at, status: 'pass', message });
    return;
  }
  const undecided = settings.value.find((setting) => sendsAudit(setting) === undefined);
  if (undecided && undecided.enabledCategories.state === 'unknown') {
    const message = `diagnostic setting "${undecided.name}": ${undecided.enabledCategories.reason}`;
    context.report({ ...base, at: undecided.at, status: 'not-assessed', message });
    return;
  }
  const [first] = settings.value;
  if (!first) {
    context.report({ ...base, message: 'no diagnostic setting targets this cluster in the scanned input.' });
    return;
  }
  const names = settings.value.map((setting) => `"${setting.name}"`).join(', ');
  const message = `diagnostic setting ${names} sends neither kube-audit nor kube-audit-admin.`;
  context.report({ ...base, at: first.at, message });
}

export default defineRule({
  id: 'require-audit-logs',
  title: 'The Kubernetes audit log is sent to a workspace',
  surface: 'posture',
  severity: 'high',
  rationale:
    'The API server audit log is the only record of who read which Secret, who exec’d into which pod and who created which binding, on the Kubernetes plane. AKS keeps it only if a diagnostic setting exports it; without one, an investigation cannot answer what a stolen token did, and Defender and Sentinel have nothing to alert on. kube-audit-admin (writes only) keeps the cost down; kube-audit adds reads such as get secrets.',
  remediation: {
    summary:
      'Add a diagnostic setting on the cluster that sends kube-audit-admin (or kube-audit) to a Log Analytics workspace.',
    az: 'az monitor diagnostic-settings create --name aks-audit --resource <cluster-resource-id> --workspace <workspace-id> --logs \'[{"category":"kube-audit-admin","enabled":true}]\'',
    terraform:
      'resource "azurerm_monitor_diagnostic_setting" "aks_audit" {\n  name                       = "aks-audit"\n  target_resource_id         = azurerm_kubernetes_cluster.<name>.id\n  log_analytics_workspace_id = azurerm_log_analytics_workspace.<name>.id\n  enabled_log {\n    category = "kube-audit-admin"\n  }\n}',
    arm: "Microsoft.Insights/diagnosticSettings scoped to the cluster: properties.logs: [{ category: 'kube-audit-admin', enabled: true }], properties.workspaceId: '<workspace-id>'",
  },
  reads: ['cluster'],
  peers: { cis: ['2.1.1'] },
  references: [
    GUIDANCE.checklist,
    GUIDANCE.priorityMatrix,
    {
      title: 'Monitor Azure Kubernetes Service (AKS): resource logs',
      url: 'https://learn.microsoft.com/azure/aks/monitor-aks',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      assess(context, cluster);
    });
  },
});
