/** @module Tests for no-exposed-path-to-cluster-admin: no path from an exposed workload to cluster-admin rights. */
import { testRule } from '../../helpers/test-rule.js';

testRule('no-exposed-path-to-cluster-admin', {
  valid: ['valid.no-automount', 'valid.namespaced-edit', 'valid.namespace-bind-verb'],
  invalid: [
    {
      fixture: 'invalid.cluster-admin-binding',
      findings: [{ subject: 'Deployment/shop/web', severity: 'critical' }],
    },
    { fixture: 'invalid.bind-verb', findings: [{ subject: 'Deployment/shop/web', status: 'fail' }] },
  ],
});
