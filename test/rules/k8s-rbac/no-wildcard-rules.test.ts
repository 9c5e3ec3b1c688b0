/** @module Tests for no-wildcard-rules. */
import { testRule } from '../../helpers/test-rule.js';

testRule('no-wildcard-rules', {
  valid: ['valid.named.yaml'],
  invalid: [
    {
      fixture: 'invalid.star-verbs.yaml',
      findings: [
        { subject: 'Role/shop/deployer', path: 'rules[0].verbs', line: 10 },
        { subject: 'Role/shop/deployer', path: 'rules[2].resources', line: 15 },
      ],
    },
  ],
});
