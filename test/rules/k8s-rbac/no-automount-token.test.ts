/** @module Tests for no-automount-token. */
import { describe, expect, it } from 'vitest';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

testRule('no-automount-token', {
  valid: ['valid.opt-out.yaml'],
  invalid: [
    {
      fixture: 'invalid.no-permissions.yaml',
      findings: [
        { subject: 'Deployment/shop/web', path: 'spec.template.spec.automountServiceAccountToken', line: 13 },
      ],
    },
  ],
});

describe('no-automount-token (joined with the account permissions)', () => {
  it('passes a workload whose account holds permissions: its pods call the API', async () => {
    const { result } = await runRuleOn('no-automount-token', 'valid.opt-out.yaml');
    expect(result.findings).toEqual([]);
    expect(result.coverage['k8s-rbac'].passed).toBe(3);
  });
});
