/** @module require-maintenance-window: planned maintenance configurations say when upgrades may land. */
import type { AksCluster } from '../../model/index.js';
import { clusterSubject } from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { forEachCluster } from '../check-setting.js';

function assess(context: RuleContext<unknown>, cluster: AksCluster): void {
  const configurations = cluster.maintenanceConfigurations;
  const subject = clusterSubject(cluster);
  const base = { subject, path: configurations.path, at: configurations.at };
  if (configurations.state === 'unknown') {
    const message = `maintenance configurations: ${configurations.reason}`;
    context.report({ ...base, status: 'not-assessed', message });
    return;
  }
  const names = configurations.value.map((configuration) => configuration.name);
  if (names.length === 0) {
    const message = 'no planned maintenance configuration: upgrades may land at any time.';
    context.report({ ...base, message });
    return;
  }
  const first = configurations.value[0];
  const message = `planned maintenance: ${names.join(', ')}.`;
  context.report({ ...base, ...(first ? { at: first.at } : {}), status: 'pass', message });
}

export default defineRule({
  id: 'require-maintenance-window',
  title: 'Planned maintenance windows are configured',
  surface: 'nodes',
  severity: 'low',
  rationale:
    'Automatic upgrades are only kept on when they land at a time the team expects; without a planned maintenance window they can start mid-incident or at peak load, and the usual reaction is to turn the upgrade channels off, which lets the cluster rot. A window for Kubernetes and node OS upgrades makes patching predictable enough to leave on.',
  remediation: {
    summary:
      'Add maintenance configurations for auto-upgrades (aksManagedAutoUpgradeSchedule) and node OS upgrades (aksManagedNodeOSUpgradeSchedule).',
    az: 'az aks maintenanceconfiguration add -g <rg> --cluster-name <cluster> -n aksManagedAutoUpgradeSchedule --schedule-type Weekly --day-of-week Sunday --interval-weeks 1 --start-time 01:00 --duration 4',
    terraform:
      'maintenance_window_auto_upgrade {\n  frequency   = "Weekly"\n  interval    = 1\n  day_of_week = "Sunday"\n  start_time  = "01:00"\n  duration    = 4\n}',
    arm: "Microsoft.ContainerService/managedClusters/maintenanceConfigurations 'aksManagedAutoUpgradeSchedule': properties.maintenanceWindow: { schedule: { weekly: { dayOfWeek: 'Sunday', intervalWeeks: 1 } }, startTime: '01:00', durationHours: 4 }",
  },
  reads: ['cluster'],
  peers: {},
  references: [
    GUIDANCE.guide,
    {
      title: 'Use planned maintenance to schedule and control upgrades for your AKS cluster',
      url: 'https://learn.microsoft.com/azure/aks/planned-maintenance',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      assess(context, cluster);
    });
  },
});
