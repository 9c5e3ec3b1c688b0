/** @module Tests for require-defender: the cluster profile, with the subscription plan named when known. */
import { describe, expect, it } from 'vitest';
import type { AksCluster } from '../../../src/model/index.js';
import rule from '../../../src/rules/posture/require-defender.js';
import { clusterFrom, MEMORY_FILE, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

const CLUSTER = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

testRule('require-defender', {
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
      findings: [
        {
          subject: CLUSTER,
          path: 'properties.securityProfile.defender.securityMonitoring.enabled',
          line: 36,
        },
      ],
    },
    {
      fixture: 'invalid.arm-template.json',
      findings: [
        {
          subject: CLUSTER,
          path: 'properties.securityProfile.defender.securityMonitoring.enabled',
          line: 37,
        },
      ],
    },
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: CLUSTER, path: 'securityProfile.defender.securityMonitoring.enabled', line: 34 }],
    },
    { fixture: 'invalid.terraform', findings: [{ subject: TF, path: 'microsoft_defender', line: 14 }] },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'microsoft_defender', line: 44 }],
    },
  ],
});

describe('require-defender (messages)', () => {
  it('says what decided the result (invalid.terraform)', async () => {
    const { result } = await runRuleOn('require-defender', 'invalid.terraform');
    expect(result.findings[0]?.message).toContain(
      "disabled (not set; AKS API default) for this cluster; the subscription's Defender for Containers plan is Standard",
    );
  });
});

const defender = (enabled: boolean) => ({
  securityProfile: { defender: { securityMonitoring: { enabled } } },
});
const withPlan = (cluster: AksCluster, value: string): AksCluster => ({
  ...cluster,
  security: {
    ...cluster.security,
    defenderPlan: {
      state: 'stated',
      value,
      at: { file: MEMORY_FILE, line: 90 },
      path: 'properties.pricingTier',
    },
  },
});

describe('require-defender (in memory)', () => {
  it('passes with the profile on, fails with it off', () => {
    const results = runRuleOnClusters(rule, clusterFrom(defender(true)), clusterFrom(defender(false)));
    expect(results.map((r) => [r.status, r.path])).toEqual([
      ['pass', 'properties.securityProfile.defender.securityMonitoring.enabled'],
      ['fail', 'properties.securityProfile.defender.securityMonitoring.enabled'],
    ]);
    expect(results[1]?.message).toBe('Defender security monitoring is disabled for this cluster.');
  });

  it('names the subscription plan when the input has it', () => {
    const standard = withPlan(clusterFrom(defender(false)), 'Standard');
    const free = withPlan(clusterFrom({}), 'Free');
    const results = runRuleOnClusters(rule, standard, free);
    expect(results[0]?.message).toBe(
      "Defender security monitoring is disabled for this cluster; the subscription's Defender for Containers plan is Standard, but this cluster does not run the sensor.",
    );
    expect(results[1]?.message).toBe(
      "Defender security monitoring is disabled (not set; AKS API default) for this cluster; the subscription's Defender for Containers plan is Free as well.",
    );
  });

  it('is not assessed when unknown', () => {
    const cluster = clusterFrom({}, { unknown: ['securityProfile.defender.securityMonitoring.enabled'] });
    expect(runRuleOnClusters(rule, cluster).map((r) => r.status)).toEqual(['not-assessed']);
  });
});
