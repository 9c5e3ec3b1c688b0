/** @module Tests for require-non-root. */
import { describe, expect, it } from 'vitest';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

const POD = 'spec.template.spec.securityContext';

testRule('require-non-root', {
  valid: ['valid.run-as-user.yaml', 'valid.container-level.yaml', 'valid.windows-user.yaml'],
  invalid: [
    {
      fixture: 'invalid.unset.yaml',
      findings: [{ subject: 'Deployment/shop/web', path: `${POD}.runAsNonRoot`, severity: 'high' }],
    },
    {
      fixture: 'invalid.root-uid.yaml',
      findings: [{ subject: 'StatefulSet/shop/db', path: `${POD}.runAsUser`, line: 16 }],
    },
    {
      fixture: 'invalid.container-overrides.yaml',
      findings: [
        {
          subject: 'Deployment/shop/files',
          path: 'spec.template.spec.containers[1].securityContext.runAsUser',
          line: 24,
        },
      ],
    },
    {
      fixture: 'invalid.run-as-non-root-only.yaml',
      findings: [
        {
          subject: 'Deployment/shop/checkout',
          path: `${POD}.runAsNonRoot`,
          status: 'not-assessed',
          line: 16,
        },
      ],
    },
    {
      fixture: 'invalid.windows-administrator.yaml',
      findings: [
        {
          subject: 'Deployment/shop/report-server',
          path: 'spec.template.spec.containers[0].securityContext.windowsOptions.runAsUserName',
          line: 20,
        },
      ],
    },
    {
      fixture: 'invalid.blocked-at-admission.yaml',
      findings: [{ subject: 'Deployment/shop/web', path: `${POD}.runAsNonRoot` }],
    },
  ],
});

describe('require-non-root details', () => {
  it('reports containers that inherit the same pod-level gap once, naming them all', async () => {
    const { result } = await runRuleOn('require-non-root', 'invalid.unset.yaml');
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]?.message).toContain('container "web", container "metrics"');
  });

  it('lets a container setting override the pod setting', async () => {
    const { result } = await runRuleOn('require-non-root', 'invalid.container-overrides.yaml');
    expect(result.coverage.workloads).toEqual({ passed: 1, failed: 1, notAssessed: 0, providerManaged: 0 });
  });

  it('evaluates latest at the API server version when the cluster definition states it', async () => {
    const latest = await runRuleOn('require-non-root', 'invalid.user-namespace-latest.yaml');
    expect(latest.result.findings.map((f) => f.admission)).toEqual([undefined]);
    const old = await runRuleOn('require-non-root', 'invalid.user-namespace-on-1-33');
    expect(old.result.findings.map((f) => f.admission)).toEqual([
      'blocked at admission: namespace shop enforces restricted (pod-security.kubernetes.io/enforce): its Running as Non-root control rejects these pods',
    ]);
  });

  it('says a restricted namespace rejects the pods', async () => {
    const { result } = await runRuleOn('require-non-root', 'invalid.blocked-at-admission.yaml');
    expect(result.findings[0]?.admission).toBe(
      'blocked at admission: namespace shop enforces restricted (pod-security.kubernetes.io/enforce): its Running as Non-root control rejects these pods',
    );
  });
});
