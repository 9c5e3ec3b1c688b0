/** @module Tests for no-dashboard-addon: the cluster half (the add-on profile) and the manifest half (a dashboard Deployment). */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/api-server/no-dashboard-addon.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { isDashboardImage } from '../../../src/rules/api-server/no-dashboard-addon.js';
import { testRule } from '../../helpers/test-rule.js';

const SHOW = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';
const dashboard = (enabled: boolean) => clusterFrom({ addonProfiles: { kubeDashboard: { enabled } } });

describe('no-dashboard-addon on in-memory clusters', () => {
  it('fails an enabled add-on, passes a disabled or defaulted one, and does not assess unknown', () => {
    const results = runRuleOnClusters(
      rule,
      dashboard(true),
      dashboard(false),
      clusterFrom({}),
      clusterFrom({}, { unknown: ['addonProfiles.kubeDashboard.enabled'] }),
    );
    expect(results.map((r) => r.status)).toEqual(['fail', 'pass', 'pass', 'not-assessed']);
    expect(results[0]).toMatchObject({
      severity: 'high',
      path: 'properties.addonProfiles.kubeDashboard.enabled',
    });
  });

  it('reads both planes: the add-on profile and the manifests', () => {
    expect(rule.reads).toEqual(['cluster', 'manifests']);
  });
});

testRule('no-dashboard-addon', {
  valid: [
    'valid.az-aks-show.json',
    'valid.arm-rest.json',
    'valid.arm-template.json',
    'valid.terraform',
    'valid.terraform-plan.json',
    'valid.default.az-aks-show.json',
  ],
  // other dashboards are not the Kubernetes dashboard; the rule passes only cluster definitions.
  notAssessed: ['valid.other-dashboards.yaml'],
  invalid: [
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: SHOW, path: 'addonProfiles.kubeDashboard.enabled', severity: 'high', line: 46 }],
    },
    {
      fixture: 'invalid.arm-rest.json',
      findings: [{ subject: SHOW, path: 'properties.addonProfiles.kubeDashboard.enabled', line: 38 }],
    },
    { fixture: 'invalid.arm-template.json', findings: [{ subject: SHOW, line: 54 }] },
    // The add-on left azurerm in 3.0: only the 2.x `addon_profile` spelling can enable it.
    { fixture: 'invalid.terraform-v2', findings: [{ subject: TF, line: 45 }] },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'addon_profile.kube_dashboard.enabled', line: 50 }],
    },
    {
      fixture: 'invalid.dashboard-deployment.yaml',
      findings: [
        {
          subject: 'Deployment/kubernetes-dashboard/kubernetes-dashboard',
          path: 'spec.template.spec.containers[0].image',
          severity: 'high',
          line: 21,
        },
      ],
    },
    {
      fixture: 'invalid.legacy-dashboard-image.yaml',
      findings: [
        {
          subject: 'Deployment/kube-system/ops-console',
          path: 'spec.template.spec.containers[0].image',
          line: 18,
        },
      ],
    },
    {
      fixture: 'invalid.dashboard-by-name.yaml',
      findings: [{ subject: 'Deployment/tools/kubernetes-dashboard', path: 'metadata.name', line: 5 }],
    },
  ],
});

describe('dashboard images', () => {
  it.each([
    'kubernetesui/dashboard:v2.7.0',
    'docker.io/kubernetesui/dashboard-api:1.10.1',
    'kubernetesui/dashboard-web@sha256:0a1b2c',
    'k8s.gcr.io/kubernetes-dashboard-amd64:v1.10.1',
    'mcr.microsoft.com/oss/kubernetes/kubernetes-dashboard:v1.10.1',
    'localhost:5000/kubernetes-dashboard:dev',
  ])('recognises %s', (image) => {
    expect(isDashboardImage(image)).toBe(true);
  });

  it.each(['grafana/grafana:11.3.0', 'kubernetesui/metrics-scraper:v1.0.8', 'acme/sales-dashboard:4.1.0'])(
    'does not flag %s',
    (image) => {
      expect(isDashboardImage(image)).toBe(false);
    },
  );
});
