/** @module Tests for no-pod-exec-or-create. */
import { describe, expect, it } from 'vitest';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

testRule('no-pod-exec-or-create', {
  valid: ['valid.read-only.yaml'],
  invalid: [
    {
      fixture: 'invalid.deployments.yaml',
      findings: [{ subject: 'RoleBinding/shop/ci-deployer', path: 'roleRef', line: 20 }],
    },
    {
      fixture: 'invalid.exec.yaml',
      findings: [{ subject: 'ClusterRoleBinding/support-exec', path: 'roleRef', line: 18 }],
    },
  ],
});

describe('no-pod-exec-or-create (workload controllers)', () => {
  it('counts Deployment and CronJob creation in the apps and batch groups', async () => {
    const { result } = await runRuleOn('no-pod-exec-or-create', 'invalid.deployments.yaml');
    expect(result.findings[0]?.message).toContain('create deployments.apps');
    expect(result.findings[0]?.message).toContain('create cronjobs.batch');
  });
});
