/** @module Tests for no-empty-policy-selector-match: a policy that selects nothing protects nothing. */
import { testRule } from '../../helpers/test-rule.js';

testRule('no-empty-policy-selector-match', {
  valid: ['valid.selects.yaml'],
  invalid: [
    {
      fixture: 'invalid.typo.yaml',
      findings: [
        {
          subject: 'NetworkPolicy/shop/web-ingress',
          path: 'spec.podSelector',
          status: 'fail',
          severity: 'low',
          line: 28,
        },
      ],
    },
    {
      fixture: 'invalid.policies-only.yaml',
      findings: [{ subject: 'NetworkPolicy/shop/web-ingress', status: 'not-assessed' }],
    },
  ],
});
