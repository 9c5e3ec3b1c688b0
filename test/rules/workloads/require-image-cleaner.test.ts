/** @module Tests for require-image-cleaner. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/workloads/require-image-cleaner.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { testRule } from '../../helpers/test-rule.js';

const CLUSTER = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

testRule('require-image-cleaner', {
  valid: [
    'valid.arm-rest.json',
    'valid.arm-template.json',
    'valid.az-aks-show.json',
    'valid.terraform',
    'valid.terraform-plan.json',
  ],
  invalid: [
    {
      fixture: 'invalid.arm-rest.json',
      findings: [{ subject: CLUSTER, path: 'properties.securityProfile.imageCleaner.enabled', line: 34 }],
    },
    {
      fixture: 'invalid.arm-template.json',
      findings: [{ subject: CLUSTER, path: 'properties.securityProfile.imageCleaner.enabled', line: 35 }],
    },
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: CLUSTER, path: 'securityProfile.imageCleaner.enabled', line: 32 }],
    },
    { fixture: 'invalid.terraform', findings: [{ subject: TF, path: 'image_cleaner_enabled', line: 22 }] },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'image_cleaner_enabled', line: 44 }],
    },
  ],
});

describe('require-image-cleaner (in memory)', () => {
  it('passes when enabled, fails when off or absent, not assessed when unknown', () => {
    const cleaner = (enabled: boolean) => ({
      securityProfile: { imageCleaner: { enabled, intervalHours: 48 } },
    });
    const unknown = clusterFrom({}, { unknown: ['securityProfile.imageCleaner.enabled'] });
    const results = runRuleOnClusters(
      rule,
      clusterFrom(cleaner(true)),
      clusterFrom(cleaner(false)),
      clusterFrom({}),
      unknown,
    );
    expect(results.map((r) => [r.status, r.severity])).toEqual([
      ['pass', 'low'],
      ['fail', 'low'],
      ['fail', 'low'],
      ['not-assessed', 'low'],
    ]);
    expect(results[1]?.path).toBe('properties.securityProfile.imageCleaner.enabled');
  });
});
