/** @module require-defender: the Defender for Containers sensor (security monitoring) is on for the cluster. */
import type { AksCluster } from '../../model/index.js';
import { clusterSubject, describeSetting } from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { forEachCluster } from '../check-setting.js';

/** The subscription plan is a separate resource: with it on, the sensor may still be missing from this cluster. */
function planNote(cluster: AksCluster): string {
  const plan = cluster.security.defenderPlan;
  if (plan.state === 'unknown') return '';
  return plan.value.toLowerCase() === 'standard'
    ? `; the subscription's Defender for Containers plan is ${plan.value}, but this cluster does not run the sensor`
    : `; the subscription's Defender for Containers plan is ${plan.value} as well`;
}

function assess(context: RuleContext<unknown>, cluster: AksCluster): void {
  const setting = cluster.security.defender;
  const base = { subject: clusterSubject(cluster), path: setting.path, at: setting.at };
  if (setting.state === 'unknown') {
    const message = `Defender security monitoring: ${setting.reason}`;
    context.report({ ...base, status: 'not-assessed', message });
    return;
  }
  const shown = describeSetting(setting, (enabled) => (enabled ? 'enabled' : 'disabled'));
  if (setting.value) {
    context.report({ ...base, status: 'pass', message: `Defender security monitoring is ${shown}.` });
    return;
  }
  context.report({
    ...base,
    message: `Defender security monitoring is ${shown} for this cluster${planNote(cluster)}.`,
  });
}

export default defineRule({
  id: 'require-defender',
  title: 'Microsoft Defender for Containers monitors the cluster',
  surface: 'posture',
  severity: 'high',
  rationale:
    'Preventive controls have a ceiling: a legitimate pod can still be compromised through an application bug. Defender’s sensor watches runtime behavior (a shell spawned in a container, a process reading the service-account token, a connection to a known-malicious endpoint, a crypto miner) and raises an alert while the attacker is still probing, which turns a breach into a contained incident. Without it, the first sign is usually the damage.',
  remediation: {
    summary:
      'Enable Defender for Containers on the subscription and the Defender profile (sensor) on the cluster.',
    az: 'az security pricing create --name Containers --tier Standard && az aks update -g <rg> -n <cluster> --enable-defender',
    terraform:
      'microsoft_defender {\n  log_analytics_workspace_id = azurerm_log_analytics_workspace.<name>.id\n}',
    arm: "properties.securityProfile.defender: { logAnalyticsWorkspaceResourceId: '<workspace-id>', securityMonitoring: { enabled: true } }",
  },
  reads: ['cluster'],
  peers: { azurePolicy: ['a1840de2'] },
  references: [
    GUIDANCE.checklist,
    GUIDANCE.priorityMatrix,
    {
      title: 'Overview of Microsoft Defender for Containers',
      url: 'https://learn.microsoft.com/azure/defender-for-cloud/defender-for-containers-introduction',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      assess(context, cluster);
    });
  },
});
