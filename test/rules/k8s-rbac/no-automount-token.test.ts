/** @module Tests for no-automount-token. */
import { describe, expect, it } from 'vitest';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

testRule('no-automount-token', {
  valid: ['valid.opt-out.yaml'],
  invalid: [
    {
      fixture: 'invalid.no-permissions.yaml',
      findings: [
        {
          subject: 'Deployment/shop/web',
          path: 'spec.template.spec.automountServiceAccountToken',
          // Issue 13: the account can do nothing beyond the defaults, so the token gains an attacker nothing.
          severity: 'low',
          line: 13,
        },
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

  it('grades by what the account can do: low with the reason when nothing beyond the defaults', async () => {
    const { result } = await runRuleOn('no-automount-token', 'invalid.no-permissions.yaml');
    expect(result.findings.map((f) => [f.baseSeverity, f.severity])).toEqual([['high', 'low']]);
    expect(result.findings[0]?.severityReason).toMatch(/can do nothing beyond the Kubernetes defaults/);
  });
});
