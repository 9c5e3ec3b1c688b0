/** @module Tests for require-default-deny: a namespace-wide deny for ingress and egress in every application namespace. */
import { describe, expect, it } from 'vitest';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

testRule('require-default-deny', {
  valid: ['valid.default-deny.yaml', 'valid.deny-with-dns.yaml'],
  // system namespaces are not application namespaces.
  notAssessed: ['valid.system-namespace.yaml'],
  invalid: [
    {
      fixture: 'invalid.no-policy.yaml',
      findings: [{ subject: 'Namespace/shop', status: 'fail', severity: 'critical', line: 2 }],
    },
    { fixture: 'invalid.ingress-only.yaml', findings: [{ subject: 'Namespace/shop' }] },
    { fixture: 'invalid.allow-all-egress.yaml', findings: [{ subject: 'Namespace/shop' }] },
    { fixture: 'invalid.implied-namespace.yaml', findings: [{ subject: 'Namespace/payments', line: 2 }] },
  ],
});

describe('require-default-deny messages', () => {
  it('names the missing direction and gives the policy to add', async () => {
    const { result } = await runRuleOn('require-default-deny', 'invalid.ingress-only.yaml');
    expect(result.findings[0]?.message).toBe(
      'Namespace shop has no default-deny NetworkPolicy for egress: pods that no other policy selects may connect anywhere, the internet included.',
    );
    expect(result.findings[0]?.fix).toContain('policyTypes: [Egress]');
  });
});
