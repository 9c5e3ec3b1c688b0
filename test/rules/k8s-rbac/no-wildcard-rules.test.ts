/** @module Tests for no-wildcard-rules. */
import { testRule } from '../../helpers/test-rule.js';

testRule('no-wildcard-rules', {
  valid: ['valid.named.yaml'],
  invalid: [
    {
      fixture: 'invalid.star-verbs.yaml',
      findings: [
        // Latent: bound by nothing in the inputs, so one step below the rule's high.
        { subject: 'Role/shop/deployer', path: 'rules[0].verbs', severity: 'medium', line: 10 },
        { subject: 'Role/shop/deployer', path: 'rules[2].resources', severity: 'medium', line: 15 },
      ],
    },
    {
      fixture: 'invalid.bound-star-verbs.yaml',
      findings: [
        { subject: 'Role/shop/deployer', path: 'rules[0].verbs', severity: 'high', line: 10 },
        { subject: 'Role/shop/deployer', path: 'rules[2].resources', severity: 'high', line: 15 },
      ],
    },
  ],
});
