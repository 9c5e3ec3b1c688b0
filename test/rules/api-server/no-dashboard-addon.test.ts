/** @module Tests for no-dashboard-addon (the cluster half: the add-on profile). */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/api-server/no-dashboard-addon.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
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

  it('reads only the cluster for now (the manifest half is separate work)', () => {
    expect(rule.reads).toEqual(['cluster']);
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
  ],
});
