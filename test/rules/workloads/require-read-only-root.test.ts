/** @module Tests for require-read-only-root. */
import { describe, expect, it } from 'vitest';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

testRule('require-read-only-root', {
  valid: ['valid.read-only.yaml'],
  invalid: [
    {
      fixture: 'invalid.unset.yaml',
      findings: [
        {
          subject: 'Deployment/shop/api',
          path: 'spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem',
          severity: 'low',
        },
      ],
    },
    {
      fixture: 'invalid.false-in-init.yaml',
      findings: [
        {
          subject: 'StatefulSet/shop/db',
          path: 'spec.template.spec.initContainers[0].securityContext.readOnlyRootFilesystem',
          line: 18,
        },
      ],
    },
    {
      fixture: 'invalid.privileged.yaml',
      findings: [
        {
          subject: 'Pod/ops/node-shell',
          path: 'spec.containers[0].securityContext.readOnlyRootFilesystem',
          line: 13,
        },
      ],
    },
  ],
});

describe('require-read-only-root details', () => {
  it('does not trust a read-only root in a privileged container', async () => {
    const { result } = await runRuleOn('require-read-only-root', 'invalid.privileged.yaml');
    expect(result.findings[0]?.message).toContain('can remount its root read-write');
    expect(result.findings[0]?.fix).toContain('Remove securityContext.privileged: true');
  });
});
