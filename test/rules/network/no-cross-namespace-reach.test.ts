/** @module Tests for no-cross-namespace-reach: reach from another tenant only where a policy names it. */
import { describe, expect, it } from 'vitest';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

testRule('no-cross-namespace-reach', {
  valid: ['valid.named-namespace.yaml', 'valid.same-tenant.yaml'],
  invalid: [
    {
      fixture: 'invalid.open-namespaces.yaml',
      findings: [
        { subject: 'Deployment/shop/api', path: 'spec.template.metadata.labels', severity: 'high' },
        { subject: 'Deployment/tools/debug', path: 'spec.template.metadata.labels' },
      ],
    },
    { fixture: 'invalid.any-namespace.yaml', findings: [{ subject: 'Deployment/shop/api' }] },
  ],
});

describe('no-cross-namespace-reach messages', () => {
  it('names a source and how it gets in', async () => {
    const open = await runRuleOn('no-cross-namespace-reach', 'invalid.open-namespaces.yaml');
    expect(open.result.findings[0]?.message).toBe(
      'Deployment/shop/api is reachable from tools/debug (All Connections): no ingress policy isolates it.',
    );
    const any = await runRuleOn('no-cross-namespace-reach', 'invalid.any-namespace.yaml');
    expect(any.result.findings[0]?.message).toBe(
      'Deployment/shop/api is reachable from tools/debug (TCP 8080): shop/api-from-anywhere spec.ingress[0] admits every namespace.',
    );
  });
});
