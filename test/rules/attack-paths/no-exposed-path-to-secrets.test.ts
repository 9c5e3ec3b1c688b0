/** @module Tests for no-exposed-path-to-secrets: no path from an internet-exposed workload to secrets. */
import { testRule } from '../../helpers/test-rule.js';

testRule('no-exposed-path-to-secrets', {
  valid: ['valid.no-automount', 'valid.no-secret-rights'],
  // an internal load balancer exposes nothing, so no path starts there.
  notAssessed: ['valid.internal-lb'],
  invalid: [
    {
      fixture: 'invalid.token-reads-secrets',
      findings: [{ subject: 'Deployment/shop/web', severity: 'critical', status: 'fail' }],
    },
  ],
});
