/** @module Tests for no-escalation-verbs. */
import { testRule } from '../../helpers/test-rule.js';

testRule('no-escalation-verbs', {
  valid: ['valid.rolebinding-cluster-scoped.yaml'],
  invalid: [
    {
      // Unbound: reported like the wildcard rules do, as latent, one step lower (critical → high).
      fixture: 'invalid.latent-bind.yaml',
      findings: [{ subject: 'Role/shop/role-granter', path: 'rules[0]', severity: 'high', line: 8 }],
    },
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
