/** @module Tests for no-escalation-verbs. */
import { testRule } from '../../helpers/test-rule.js';

testRule('no-escalation-verbs', {
  valid: ['valid.rolebinding-cluster-scoped.yaml'],
  invalid: [
    {
      fixture: 'invalid.impersonate.yaml',
      findings: [{ subject: 'ClusterRoleBinding/helpdesk-impersonation', path: 'roleRef', line: 15 }],
    },
    {
      fixture: 'invalid.nodes-proxy.yaml',
      findings: [
        { subject: 'ClusterRoleBinding/metrics-agent', path: 'roleRef', line: 15 },
        { subject: 'RoleBinding/shop/team-lead-binder', path: 'roleRef', line: 42 },
      ],
    },
  ],
});
