/** @module no-dashboard-addon: the Kubernetes dashboard add-on is off, and no dashboard is deployed from manifests. */
import type { AksCluster, Workload } from '../../model/index.js';
import { extractWorkloads, objectSubject } from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
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

/** The image repository without registry, tag or digest: `docker.io/kubernetesui/dashboard:v2.7.0` → `kubernetesui/dashboard`. */
function repositoryOf(image: string): string {
  const withoutDigest = image.split('@')[0] ?? '';
  const parts = withoutDigest.split('/');
  const last = (parts.pop() ?? '').split(':')[0] ?? '';
  // A first segment with a dot, a colon or `localhost` is a registry host, not part of the repository.
  const first = parts[0];
  if (first !== undefined && (first.includes('.') || first.includes(':') || first === 'localhost'))
    parts.shift();
  return [...parts, last].join('/').toLowerCase();
}

/**
 * A dashboard image: the upstream `kubernetesui/dashboard*` images (v2 single image, v3+ `dashboard-api`,
 * `dashboard-web`, `dashboard-auth`, `dashboard-metrics-scraper`) or any `*\/kubernetes-dashboard*`
 * (the v1 images on k8s.gcr.io and the AKS add-on's MCR mirror).
 */
export function isDashboardImage(image: string): boolean {
  const repository = repositoryOf(image);
  const name = repository.split('/').at(-1) ?? '';
  return /(?:^|\/)kubernetesui\/dashboard/.test(repository) || name.startsWith('kubernetes-dashboard');
}

function dashboardEvidence(workload: Workload): { path: (string | number)[]; why: string } | undefined {
  for (const container of workload.containers) {
    if (container.image !== undefined && isDashboardImage(container.image))
      return { path: [...container.path, 'image'], why: `runs the dashboard image ${container.image}` };
  }
  if (workload.name === 'kubernetes-dashboard')
    return { path: ['metadata', 'name'], why: 'is named kubernetes-dashboard' };
  return undefined;
}

/** The manifest half: a Kubernetes dashboard deployed by hand (or by its Helm chart) instead of the add-on. */
function checkDashboardDeployments(context: RuleContext<unknown>): void {
  for (const workload of extractWorkloads(context.model.objects)) {
    const evidence = dashboardEvidence(workload);
    if (evidence === undefined) continue;
    const subject = objectSubject(workload.object);
    const message = `${subject.display} ${evidence.why}: a Kubernetes dashboard runs in the cluster.`;
    context.report({ subject, path: evidence.path, message });
  }
}

/** The two halves of this control: the AKS add-on, and a dashboard among the Kubernetes objects. */
const CHECKS: readonly ((context: RuleContext<unknown>) => void)[] = [
  (context) => {
    forEachCluster(context, (cluster) => {
      checkDashboardAddon(context, cluster);
    });
  },
  checkDashboardDeployments,
];

export default defineRule({
  id: 'no-dashboard-addon',
  title: 'The Kubernetes dashboard add-on is disabled, and no dashboard is deployed from manifests',
  surface: 'api-server',
  severity: 'high',
  rationale:
    'The Kubernetes dashboard is an extra web front end to the API server that runs in the cluster with its ' +
    'own service account; historically that account was bound to broad rights, and a dashboard reached ' +
    'through a proxy or an exposed Service has handed attackers cluster control and secrets. It is deprecated ' +
    'on AKS, so disabling it costs nothing and removes a surface an attacker can use.',
  remediation: {
    summary:
      'Disable the dashboard add-on and delete any dashboard deployed from manifests or its Helm chart; use the ' +
      'Azure portal’s Kubernetes resource view or kubectl instead.',
    az: 'az aks disable-addons -g <rg> -n <cluster> --addons kube-dashboard',
    terraform:
      'addon_profile { kube_dashboard { enabled = false } } (azurerm < 3.0; the add-on is gone from later versions)',
    arm: 'properties.addonProfiles.kubeDashboard.enabled: false',
    manifest:
      '# delete it: kubectl delete namespace kubernetes-dashboard (or helm uninstall kubernetes-dashboard)',
  },
  reads: ['cluster', 'manifests'],
  peers: { checkov: ['CKV_AZURE_8'] },
  references: [
    GUIDANCE.guide,
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
