/** @module no-dashboard-addon: the Kubernetes dashboard add-on is off. */
import type { AksCluster } from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';
import { SEEDS, defineRule } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

function checkDashboardAddon(context: RuleContext<unknown>, cluster: AksCluster): void {
  checkSetting(context, cluster, {
    setting: cluster.addons.kubeDashboard,
    label: 'the Kubernetes dashboard add-on',
    isCompliant: (enabled) => !enabled,
    show: (enabled) => (enabled ? 'enabled' : 'disabled'),
    failMessage: () =>
      'The Kubernetes dashboard add-on is enabled: a web UI with its own service account in kube-system, ' +
      'reachable through the API server',
  });
}

/**
 * The two halves of this control. The cluster half reads the add-on; the manifest half (a
 * kubernetes-dashboard Deployment among the Kubernetes objects) is a separate piece of work: it adds a
 * `checkDashboardDeployments(context)` here and `'manifests'` to `reads`.
 */
const CHECKS: readonly ((context: RuleContext<unknown>) => void)[] = [
  (context) => {
    forEachCluster(context, (cluster) => {
      checkDashboardAddon(context, cluster);
    });
  },
];

export default defineRule({
  id: 'no-dashboard-addon',
  title: 'The Kubernetes dashboard add-on is disabled',
  surface: 'api-server',
  severity: 'high',
  rationale:
    'The Kubernetes dashboard is an extra web front end to the API server that runs in the cluster with its ' +
    'own service account; historically that account was bound to broad rights, and a dashboard reached ' +
    'through a proxy or an exposed Service has handed attackers cluster control and secrets. It is deprecated ' +
    'on AKS, so disabling it costs nothing and removes a surface an attacker can use.',
  remediation: {
    summary:
      'Disable the dashboard add-on; use the Azure portal’s Kubernetes resource view or kubectl instead.',
    az: 'az aks disable-addons -g <rg> -n <cluster> --addons kube-dashboard',
    terraform:
      'addon_profile { kube_dashboard { enabled = false } } (azurerm < 3.0; the add-on is gone from later versions)',
    arm: 'properties.addonProfiles.kubeDashboard.enabled: false',
  },
  reads: ['cluster'],
  peers: { checkov: ['CKV_AZURE_8'] },
  references: [
    SEEDS,
    {
      title: 'Access the Kubernetes web dashboard in AKS (deprecated)',
      url: 'https://learn.microsoft.com/en-us/azure/aks/kubernetes-dashboard',
    },
  ],
  since: '0.1.0',
  check(context) {
    for (const check of CHECKS) check(context);
  },
});
