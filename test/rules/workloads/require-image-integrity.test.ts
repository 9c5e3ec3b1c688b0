/** @module Tests for require-image-integrity. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/workloads/require-image-integrity.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { testRule } from '../../helpers/test-rule.js';

const CLUSTER = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

testRule('require-image-integrity', {
  valid: ['valid.arm-rest.json', 'valid.arm-template.json', 'valid.az-aks-show.json'],
  invalid: [
    {
      fixture: 'invalid.arm-rest.json',
      findings: [{ subject: CLUSTER, path: 'properties.securityProfile.imageIntegrity.enabled', line: 39 }],
    },
    {
      fixture: 'invalid.arm-template.json',
      findings: [{ subject: CLUSTER, path: 'properties.securityProfile.imageIntegrity.enabled', line: 40 }],
    },
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: CLUSTER, path: 'securityProfile.imageIntegrity.enabled', line: 37 }],
    },
    {
      fixture: 'unknown.terraform',
      findings: [{ subject: TF, path: 'image_integrity', status: 'not-assessed', line: 14 }],
    },
    {
      fixture: 'unknown.terraform-plan.json',
      findings: [{ subject: TF, path: 'image_integrity', status: 'not-assessed', line: 14 }],
    },
  ],
});

describe('require-image-integrity (in memory)', () => {
  it('passes when enabled, fails when off or absent, not assessed when unknown', () => {
    const integrity = (enabled: boolean) => ({ securityProfile: { imageIntegrity: { enabled } } });
    const unknown = clusterFrom({}, { unknown: ['securityProfile.imageIntegrity.enabled'] });
    const results = runRuleOnClusters(
      rule,
      clusterFrom(integrity(true)),
      clusterFrom(integrity(false)),
      clusterFrom({}),
      unknown,
    );
    expect(results.map((r) => r.status)).toEqual(['pass', 'fail', 'fail', 'not-assessed']);
    expect(results[0]?.path).toBe('properties.securityProfile.imageIntegrity.enabled');
    expect(results[2]?.basis).toBe('default');
  });
});
