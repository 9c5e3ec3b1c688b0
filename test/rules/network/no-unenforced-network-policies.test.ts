/** @module Tests for no-unenforced-network-policies: NetworkPolicies in the manifests need an engine in the cluster. */
import { describe, expect, it } from 'vitest';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

const SHOW = 'managedClusters/aks-payments-prod';

testRule('no-unenforced-network-policies', {
  valid: ['valid.cilium'],
  // no NetworkPolicy, so nothing is left unenforced.
  notAssessed: ['valid.no-policies'],
  invalid: [
    {
      fixture: 'invalid.no-engine',
      findings: [
        { subject: SHOW, path: 'networkProfile.networkPolicy', status: 'fail', severity: 'critical' },
      ],
    },
    {
      fixture: 'invalid.cilium-without-dataplane',
      findings: [{ subject: SHOW, path: 'networkProfile.networkPolicy' }],
    },
    {
      fixture: 'invalid.manifests-only.yaml',
      findings: [{ subject: 'NetworkPolicy/payments/default-deny', status: 'not-assessed', line: 2 }],
    },
  ],
});

describe('no-unenforced-network-policies messages', () => {
  it('says how many policies enforce nothing and why', async () => {
    const { result } = await runRuleOn('no-unenforced-network-policies', 'invalid.no-engine');
    expect(result.findings[0]?.message).toBe(
      '1 NetworkPolicy in the manifests enforce nothing: managedClusters/aks-payments-prod networkPolicy is none: no engine enforces NetworkPolicies.',
    );
  });
});
