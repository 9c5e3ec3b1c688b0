/** @module Tests for no-default-service-account. */
import { testRule } from '../../helpers/test-rule.js';

testRule('no-default-service-account', {
  valid: ['valid.dedicated.yaml'],
  invalid: [
    {
      fixture: 'invalid.default.yaml',
      findings: [
        { subject: 'Deployment/shop/web', path: 'spec.template.spec', line: 13 },
        { subject: 'RoleBinding/shop/default-reads-config', path: 'subjects[0]', line: 29 },
      ],
    },
  ],
});
