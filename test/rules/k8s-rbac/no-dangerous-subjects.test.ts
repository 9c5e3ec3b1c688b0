/** @module Tests for no-dangerous-subjects. */
import { testRule } from '../../helpers/test-rule.js';

testRule('no-dangerous-subjects', {
  valid: ['valid.named-group.yaml'],
  invalid: [
    {
      fixture: 'invalid.authenticated.yaml',
      findings: [{ subject: 'ClusterRoleBinding/everyone-can-view', path: 'subjects[1]', line: 14 }],
    },
    {
      fixture: 'invalid.anonymous.yaml',
      findings: [
        { subject: 'RoleBinding/shop/anonymous-status', path: 'subjects[0]', line: 12 },
        { subject: 'RoleBinding/shop/anonymous-status', path: 'subjects[1]', line: 15 },
        { subject: 'ClusterRoleBinding/masters-admin', path: 'subjects[0]', line: 28 },
      ],
    },
  ],
});
