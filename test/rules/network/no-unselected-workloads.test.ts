/** @module Tests for no-unselected-workloads: every workload is isolated both ways by some policy. */
import { describe, expect, it } from 'vitest';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

testRule('no-unselected-workloads', {
  valid: ['valid.selected.yaml'],
  invalid: [
    {
      fixture: 'invalid.unselected.yaml',
      findings: [
        { subject: 'Deployment/shop/web', path: 'spec.template.metadata.labels', line: 18 },
        { subject: 'Deployment/shop/api', path: 'spec.template.metadata.labels', line: 38 },
      ],
    },
    {
      fixture: 'invalid.host-network.yaml',
      findings: [{ subject: 'DaemonSet/monitoring/node-exporter', severity: 'high' }],
    },
  ],
});

describe('no-unselected-workloads messages', () => {
  it('names the directions no policy covers', async () => {
    const { result } = await runRuleOn('no-unselected-workloads', 'invalid.unselected.yaml');
    expect(result.findings.map((f) => f.message)).toEqual([
      'Deployment/shop/web is selected by no NetworkPolicy for egress: all its egress traffic is allowed.',
      'Deployment/shop/api is selected by no NetworkPolicy for ingress or egress: all its ingress and egress traffic is allowed.',
    ]);
  });
});
