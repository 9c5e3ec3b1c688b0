/** @module Tests for no-stolen-token-from-internet: an exposed pod's token is not usable from outside. */
import { testRule } from '../../helpers/test-rule.js';

testRule('no-stolen-token-from-internet', {
  valid: ['valid.private-api', 'valid.no-automount'],
  invalid: [
    {
      fixture: 'invalid.public-api',
      findings: [{ subject: 'Deployment/shop/web', severity: 'high', status: 'fail' }],
    },
    { fixture: 'unknown.no-cluster', findings: [{ subject: 'Deployment/shop/web', status: 'not-assessed' }] },
  ],
});
