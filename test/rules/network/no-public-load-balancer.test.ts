/** @module Tests for no-public-load-balancer: LoadBalancer Services are internal unless public on purpose. */
import { testRule } from '../../helpers/test-rule.js';

testRule('no-public-load-balancer', {
  valid: ['valid.internal.yaml', 'valid.public-on-purpose.yaml'],
  // only LoadBalancer Services are assessed.
  notAssessed: ['valid.cluster-ip.yaml'],
  invalid: [
    {
      fixture: 'invalid.public.yaml',
      findings: [{ subject: 'Service/shop/web', path: 'spec.type', severity: 'medium', line: 8 }],
    },
    { fixture: 'invalid.source-ranges.yaml', findings: [{ subject: 'Service/shop/admin', severity: 'low' }] },
  ],
});
