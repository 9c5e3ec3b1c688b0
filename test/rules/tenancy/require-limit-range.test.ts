/** @module Tests for require-limit-range. */
import { testRule } from '../../helpers/test-rule.js';

testRule('require-limit-range', {
  valid: ['valid.limit-range.yaml'],
  invalid: [
    {
      fixture: 'invalid.missing-limit-range.yaml',
      findings: [{ subject: 'Namespace/catalog', path: '', severity: 'low', line: 2 }],
    },
    { fixture: 'invalid.empty-limit-range.yaml', findings: [{ subject: 'Namespace/search', line: 2 }] },
  ],
});
