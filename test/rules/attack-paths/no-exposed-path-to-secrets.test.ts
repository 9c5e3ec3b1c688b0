/** @module Tests for no-exposed-path-to-secrets: no path from an internet-exposed workload to secrets. */
import { testRule } from '../../helpers/test-rule.js';

testRule('no-exposed-path-to-secrets', {
  valid: ['valid.no-automount', 'valid.internal-lb', 'valid.no-secret-rights'],
  invalid: [
    {
      fixture: 'invalid.token-reads-secrets',
      findings: [{ subject: 'Deployment/shop/web', severity: 'critical', status: 'fail' }],
    },
  ],
});
