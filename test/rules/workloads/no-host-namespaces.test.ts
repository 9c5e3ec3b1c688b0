/** @module Tests for no-host-namespaces. */
import { describe, expect, it } from 'vitest';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

testRule('no-host-namespaces', {
  valid: ['valid.deployment.yaml'],
  invalid: [
    {
      fixture: 'invalid.all-three.yaml',
      findings: [
        {
          subject: 'DaemonSet/ops/node-debug',
          path: 'spec.template.spec.hostPID',
          severity: 'critical',
          line: 14,
        },
        {
          subject: 'DaemonSet/ops/node-debug',
          path: 'spec.template.spec.hostIPC',
          severity: 'critical',
          line: 15,
        },
        {
          subject: 'DaemonSet/ops/node-debug',
          path: 'spec.template.spec.hostNetwork',
          severity: 'critical',
          line: 16,
        },
      ],
    },
    {
      fixture: 'invalid.bare-pod.yaml',
      findings: [{ subject: 'Pod/monitoring/metrics-probe', path: 'spec.hostNetwork', line: 8 }],
    },
    {
      fixture: 'invalid.blocked-at-admission.yaml',
      findings: [{ subject: 'Job/batch/report', path: 'spec.template.spec.hostPID' }],
    },
  ],
});

describe('no-host-namespaces and Pod Security Admission', () => {
  it('names the pinned version of a restricted namespace', async () => {
    const { result } = await runRuleOn('no-host-namespaces', 'invalid.blocked-at-admission.yaml');
    expect(result.findings[0]?.admission).toBe(
      'blocked at admission: namespace batch enforces restricted v1.29 (pod-security.kubernetes.io/enforce): its Host Namespaces control rejects these pods',
    );
  });
});
