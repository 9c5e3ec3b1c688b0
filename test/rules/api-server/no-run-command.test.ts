/** @module Tests for no-run-command: Run command must be disabled (AKS leaves it on by default). */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/api-server/no-run-command.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { testRule } from '../../helpers/test-rule.js';

const SHOW = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

describe('no-run-command on in-memory clusters', () => {
  it('passes when disabled, fails when enabled or defaulted, and does not assess unknown', () => {
    const results = runRuleOnClusters(
      rule,
      clusterFrom({ apiServerAccessProfile: { disableRunCommand: true } }),
      clusterFrom({ apiServerAccessProfile: { disableRunCommand: false } }),
      clusterFrom({}),
      clusterFrom({}, { unknown: ['apiServerAccessProfile.disableRunCommand'] }),
    );
    expect(results.map((r) => r.status)).toEqual(['pass', 'fail', 'fail', 'not-assessed']);
    expect(results[1]?.path).toBe('properties.apiServerAccessProfile.disableRunCommand');
    expect(results[2]?.basis).toBe('default');
  });
});

testRule('no-run-command', {
  valid: [
    'valid.az-aks-show.json',
    'valid.arm-rest.json',
    'valid.arm-template.json',
    'valid.terraform',
    'valid.terraform-plan.json',
  ],
  invalid: [
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [
        { subject: SHOW, path: 'apiServerAccessProfile.disableRunCommand', severity: 'medium', line: 46 },
      ],
    },
    {
      fixture: 'invalid.arm-rest.json',
      findings: [{ subject: SHOW, path: 'properties.apiServerAccessProfile.disableRunCommand', line: 37 }],
    },
    { fixture: 'invalid.arm-template.json', findings: [{ subject: SHOW, line: 54 }] },
    { fixture: 'invalid.terraform', findings: [{ subject: TF, path: 'run_command_enabled', line: 44 }] },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'run_command_enabled', line: 25 }],
    },
    {
      fixture: 'invalid.default.az-aks-show.json',
      findings: [{ subject: SHOW, status: 'fail', basis: 'default' }],
    },
  ],
});
