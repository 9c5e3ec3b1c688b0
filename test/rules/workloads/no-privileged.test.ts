/** @module Tests for no-privileged. */
import { describe, expect, it } from 'vitest';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

testRule('no-privileged', {
  valid: ['valid.deployment.yaml', 'valid.windows.yaml'],
  invalid: [
    {
      fixture: 'invalid.privileged-container.yaml',
      findings: [
        {
          subject: 'DaemonSet/monitoring/log-agent',
          path: 'spec.template.spec.containers[0].securityContext.privileged',
          severity: 'critical',
          line: 18,
        },
      ],
    },
    {
      fixture: 'invalid.init-container.yaml',
      findings: [
        {
          subject: 'StatefulSet/shop/search',
          path: 'spec.template.spec.initContainers[0].securityContext.privileged',
          // An escalation at pod creation, not a breakout from the served container (issue 13).
          severity: 'high',
          line: 20,
        },
      ],
    },
    {
      fixture: 'invalid.cronjob-v1beta1.yaml',
      findings: [
        {
          subject: 'CronJob/ops/node-cleanup',
          path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged',
          line: 18,
        },
      ],
    },
    {
      fixture: 'invalid.replica-pods.yaml',
      findings: [
        {
          subject: 'ReplicaSet/shop/web-5d8f7c9b4',
          path: 'spec.template.spec.containers[0].securityContext.privileged',
        },
      ],
    },
    {
      fixture: 'invalid.debug-container.yaml',
      findings: [
        {
          subject: 'Deployment/shop/api',
          path: 'Pod/shop/api-7c9d6f5b8-q4w8z: spec.ephemeralContainers[0].securityContext.privileged',
          line: 36,
        },
      ],
    },
    {
      fixture: 'invalid.host-process.yaml',
      findings: [
        {
          subject: 'DaemonSet/monitoring/win-exporter',
          path: 'spec.template.spec.securityContext.windowsOptions.hostProcess',
          line: 18,
        },
      ],
    },
    {
      fixture: 'invalid.blocked-at-admission.yaml',
      findings: [
        {
          subject: 'Deployment/shop/web',
          path: 'spec.template.spec.containers[0].securityContext.privileged',
        },
      ],
    },
    {
      fixture: 'invalid.warn-only-namespace.yaml',
      findings: [
        {
          subject: 'Deployment/shop/web',
          path: 'spec.template.spec.containers[0].securityContext.privileged',
        },
      ],
    },
  ],
});

describe('no-privileged and Pod Security Admission', () => {
  it('says a namespace enforcing baseline already rejects the pods', async () => {
    const { result } = await runRuleOn('no-privileged', 'invalid.blocked-at-admission.yaml');
    expect(result.findings.map((f) => f.admission)).toEqual([
      'blocked at admission: namespace shop enforces baseline (pod-security.kubernetes.io/enforce): its Privileged Containers control rejects these pods',
    ]);
  });

  it('claims nothing for a namespace with only warn and audit labels, or none known', async () => {
    for (const fixture of ['invalid.warn-only-namespace.yaml', 'invalid.privileged-container.yaml']) {
      const { result } = await runRuleOn('no-privileged', fixture);
      expect(result.findings.map((f) => f.admission)).toEqual([undefined]);
    }
  });

  it('grades a privileged init container as an escalation at pod creation, and says why', async () => {
    const { result } = await runRuleOn('no-privileged', 'invalid.init-container.yaml');
    const [finding] = result.findings;
    expect(finding?.baseSeverity).toBe('critical');
    expect(finding?.severityReason).toMatch(
      /^an init container runs to completion before the app containers start/,
    );
  });

  it('counts one pass per workload with no privileged container', async () => {
    const { result } = await runRuleOn('no-privileged', 'valid.deployment.yaml');
    expect(result.coverage.workloads).toEqual({ passed: 1, failed: 0, notAssessed: 0, providerManaged: 0 });
  });
});
