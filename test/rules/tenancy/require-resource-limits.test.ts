/** @module Tests for require-resource-limits: every container, after API and LimitRange defaulting. */
import { describe, expect, it } from 'vitest';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

testRule('require-resource-limits', {
  valid: ['valid.requests-and-limits.yaml', 'valid.defaults-applied.yaml'],
  // AKS-managed components are not the user’s to limit.
  notAssessed: ['valid.aks-components.yaml'],
  invalid: [
    {
      fixture: 'invalid.no-resources.yaml',
      findings: [
        {
          subject: 'Deployment/shop/recommendations',
          path: 'spec.template.spec.containers[0]',
          severity: 'medium',
          line: 17,
        },
      ],
    },
    {
      fixture: 'invalid.requests-only.yaml',
      findings: [
        { subject: 'StatefulSet/shop/search', path: 'spec.template.spec.containers[0].resources', line: 20 },
      ],
    },
    {
      fixture: 'invalid.init-container.yaml',
      findings: [
        { subject: 'Deployment/shop/orders', path: 'spec.template.spec.initContainers[0]', line: 17 },
      ],
    },
    {
      fixture: 'invalid.partial-limit-range.yaml',
      findings: [{ subject: 'Deployment/media/thumbnailer', path: 'spec.template.spec.containers[0]' }],
    },
  ],
});

describe('require-resource-limits messages', () => {
  it('names the missing keys, and only those a LimitRange does not supply', async () => {
    const { result } = await runRuleOn('require-resource-limits', 'invalid.partial-limit-range.yaml');
    expect(result.findings[0]?.message).toContain('sets no requests.cpu, limits.cpu,');
    expect(result.findings[0]?.message).not.toContain('memory');
  });

  it('says where defaulted values come from when it passes', async () => {
    const { result } = await runRuleOn('require-resource-limits', 'valid.defaults-applied.yaml');
    expect(result.coverage.tenancy.passed).toBe(2);
  });
});
