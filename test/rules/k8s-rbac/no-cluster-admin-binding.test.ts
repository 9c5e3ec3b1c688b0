/** @module Tests for no-cluster-admin-binding. */
import { describe, expect, it } from 'vitest';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

testRule('no-cluster-admin-binding', {
  valid: ['valid.view.yaml'],
  invalid: [
    {
      // Issue 13: an unbound role is reported as latent, one step lower (critical → high).
      fixture: 'invalid.latent-superuser.yaml',
      findings: [{ subject: 'ClusterRole/unused-superuser', path: 'rules[0]', severity: 'high', line: 7 }],
    },
    {
      fixture: 'invalid.cluster-role-binding.yaml',
      findings: [
        {
          subject: 'ClusterRoleBinding/developers-admin',
          path: 'subjects[0]',
          severity: 'critical',
          line: 11,
        },
      ],
    },
    {
      fixture: 'invalid.equivalent-role.yaml',
      findings: [
        { subject: 'ClusterRoleBinding/ci-superuser', path: 'subjects[0]', severity: 'critical', line: 20 },
        { subject: 'RoleBinding/payments/team-admin', path: 'subjects[0]', severity: 'high', line: 34 },
      ],
    },
  ],
});

describe('no-cluster-admin-binding (break-glass)', () => {
  it('accepts the subjects listed in allowedSubjects', async () => {
    const options = { allowedSubjects: ['Group/6f1c2d3e-4b5a-4c7d-9e8f-0a1b2c3d4e5f'] };
    const { result } = await runRuleOn(
      'no-cluster-admin-binding',
      'invalid.cluster-role-binding.yaml',
      options,
    );
    expect(result.findings).toEqual([]);
    expect(result.coverage['k8s-rbac'].passed).toBe(1);
  });

  it('names the role and rule that make the subject an admin', async () => {
    const { result } = await runRuleOn('no-cluster-admin-binding', 'invalid.equivalent-role.yaml');
    expect(result.findings[0]?.message).toContain('rule 1 of ClusterRole/superuser');
    expect(result.findings[1]?.message).toContain('in namespace payments');
  });
});
