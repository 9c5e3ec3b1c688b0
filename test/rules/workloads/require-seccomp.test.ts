/** @module Tests for require-seccomp. */
import { describe, expect, it } from 'vitest';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

testRule('require-seccomp', {
  valid: ['valid.pod-runtime-default.yaml', 'valid.container-localhost.yaml'],
  // Linux-only settings do not apply to Windows pods.
  notAssessed: ['valid.windows.yaml'],
  invalid: [
    {
      fixture: 'invalid.unset.yaml',
      findings: [
        {
          subject: 'Deployment/shop/api',
          path: 'spec.template.spec.securityContext.seccompProfile.type',
          severity: 'medium',
        },
      ],
    },
    {
      fixture: 'invalid.container-unconfined.yaml',
      findings: [
        {
          subject: 'Deployment/shop/profiler',
          path: 'spec.template.spec.containers[1].securityContext.seccompProfile.type',
          line: 22,
        },
      ],
    },
    {
      fixture: 'invalid.annotation-only.yaml',
      findings: [
        {
          subject: 'Deployment/shop/legacy-worker',
          path: 'spec.template.metadata.annotations.seccomp.security.alpha.kubernetes.io/pod',
          line: 14,
        },
      ],
    },
    {
      fixture: 'invalid.privileged.yaml',
      findings: [
        {
          subject: 'DaemonSet/storage/csi-node',
          path: 'spec.template.spec.containers[0].securityContext.privileged',
          line: 20,
        },
      ],
    },
  ],
});

describe('require-seccomp details', () => {
  it('reports an unset profile once for the containers that inherit it', async () => {
    const { result } = await runRuleOn('require-seccomp', 'invalid.unset.yaml');
    expect(result.findings.map((f) => f.message)).toEqual([
      'Deployment/shop/api: container "api", container "proxy" sets no seccomp profile, at pod or container level: Kubernetes runs it Unconfined (unless the node pool’s kubelet turns on seccompDefault, which AKS leaves off).',
    ]);
  });

  it('passes the containers the pod-level profile covers', async () => {
    const { result } = await runRuleOn('require-seccomp', 'invalid.container-unconfined.yaml');
    expect(result.coverage.workloads.passed).toBe(1);
  });
});
