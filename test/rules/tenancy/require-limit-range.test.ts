/** @module Tests for require-limit-range. */
import { testRule } from '../../helpers/test-rule.js';

testRule('require-limit-range', {
  valid: ['valid.limit-range.yaml'],
  invalid: [
    {
      // Issue 13: no workload in these namespaces, so a latent info finding, not a medium/low one.
      fixture: 'invalid.no-workloads.yaml',
      findings: [
        { subject: 'Namespace/argocd-apps', severity: 'info' },
        { subject: 'Namespace/edge', severity: 'info' },
      ],
    },
    {
      fixture: 'invalid.missing-limit-range.yaml',
      findings: [{ subject: 'Namespace/catalog', path: '', severity: 'low', line: 2 }],
    },
    { fixture: 'invalid.empty-limit-range.yaml', findings: [{ subject: 'Namespace/search', line: 2 }] },
  ],
});
