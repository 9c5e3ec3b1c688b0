/** @module Tests for no-privilege-escalation. */
import { describe, expect, it } from 'vitest';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

testRule('no-privilege-escalation', {
  valid: ['valid.false.yaml'],
  // Linux-only settings do not apply to Windows pods.
  notAssessed: ['valid.windows-node-affinity.yaml'],
  invalid: [
    {
      fixture: 'invalid.unset.yaml',
      findings: [
        {
          subject: 'Deployment/shop/web',
          path: 'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation',
          line: 15,
        },
      ],
    },
    {
      fixture: 'invalid.true-in-sidecar.yaml',
      findings: [
        {
          subject: 'Deployment/shop/api',
          path: 'spec.template.spec.containers[1].securityContext.allowPrivilegeEscalation',
          line: 20,
        },
      ],
    },
    {
      fixture: 'invalid.privileged.yaml',
      findings: [
        { subject: 'Pod/ops/node-shell', path: 'spec.containers[0].securityContext.privileged', line: 12 },
      ],
    },
    {
      fixture: 'invalid.sys-admin.yaml',
      findings: [
        {
          subject: 'StatefulSet/data/fuse-mounter',
          path: 'spec.template.spec.containers[0].securityContext.capabilities.add',
          line: 20,
        },
      ],
    },
  ],
});

describe('no-privilege-escalation details', () => {
  it('says the API server rejects allowPrivilegeEscalation: false next to privileged', async () => {
    const { result } = await runRuleOn('no-privilege-escalation', 'invalid.privileged.yaml');
    expect(result.findings[0]?.message).toContain('rejected by the API server');
  });

  it('passes each container that sets false, init containers included', async () => {
    const { result } = await runRuleOn('no-privilege-escalation', 'valid.false.yaml');
    expect(result.coverage.workloads.passed).toBe(2);
  });
});
