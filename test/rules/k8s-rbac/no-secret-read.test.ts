/** @module Tests for no-secret-read. */
import { describe, expect, it } from 'vitest';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

testRule('no-secret-read', {
  valid: ['valid.named-secret.yaml'],
  invalid: [
    {
      fixture: 'invalid.cluster-wide.yaml',
      findings: [
        { subject: 'ClusterRoleBinding/backup-reader', path: 'roleRef', severity: 'high', line: 15 },
      ],
    },
    {
      fixture: 'invalid.namespaced.yaml',
      findings: [
        { subject: 'RoleBinding/shop/developers-edit', path: 'roleRef', severity: 'medium', line: 7 },
      ],
    },
  ],
});

describe('no-secret-read (evidence)', () => {
  it('traces edit back to the aggregated default rule that reads secrets', async () => {
    const { result } = await runRuleOn('no-secret-read', 'invalid.namespaced.yaml');
    expect(result.findings[0]?.message).toContain(
      'get secrets, list secrets, watch secrets (rule 1 of ClusterRole/system:aggregate-to-edit (Kubernetes default), aggregated into edit',
    );
  });
});
