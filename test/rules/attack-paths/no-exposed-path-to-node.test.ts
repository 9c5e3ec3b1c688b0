/** @module Tests for no-exposed-path-to-node: no path from an internet-exposed workload to node breakout. */
import { testRule } from '../../helpers/test-rule.js';

testRule('no-exposed-path-to-node', {
  // A privileged init container, in the exposed workload or in one it reaches, is no breakout (issue 13).
  valid: ['valid.no-automount', 'valid.default-deny', 'valid.privileged-init-container'],
  invalid: [
    { fixture: 'invalid.pod-create', findings: [{ subject: 'Deployment/shop/web', severity: 'critical' }] },
    {
      fixture: 'invalid.network-to-privileged',
      findings: [{ subject: 'Deployment/shop/web', status: 'fail' }],
    },
  ],
});
