/** @module Tests for no-workloads-in-system-namespaces: default (explicit or omitted), kube-system, AKS components. */
import { describe, expect, it } from 'vitest';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

testRule('no-workloads-in-system-namespaces', {
  valid: ['valid.own-namespace.yaml', 'valid.aks-components.yaml'],
  invalid: [
    {
      fixture: 'invalid.default-namespace.yaml',
      findings: [
        {
          subject: 'Deployment/default/admin-portal',
          path: 'metadata.namespace',
          severity: 'medium',
          line: 6,
        },
      ],
    },
    {
      // No namespace in the manifest: the subject keeps the manifest's name, the finding points at metadata.
      fixture: 'invalid.namespace-omitted.yaml',
      findings: [{ subject: 'CronJob/cleanup', path: 'metadata', line: 4 }],
    },
    {
      fixture: 'invalid.kube-system.yaml',
      findings: [{ subject: 'DaemonSet/kube-system/log-forwarder', path: 'metadata.namespace', line: 6 }],
    },
    {
      fixture: 'invalid.impostor-component.yaml',
      findings: [{ subject: 'Deployment/kube-system/coredns', path: 'metadata.namespace', line: 6 }],
    },
  ],
});

describe('no-workloads-in-system-namespaces messages', () => {
  it('says when the namespace was omitted', async () => {
    const { result } = await runRuleOn('no-workloads-in-system-namespaces', 'invalid.namespace-omitted.yaml');
    expect(result.findings[0]?.message).toContain('the manifest sets no namespace');
  });

  it('recognises AKS components and counts them as passed', async () => {
    const { result } = await runRuleOn('no-workloads-in-system-namespaces', 'valid.aks-components.yaml');
    expect(result.coverage.tenancy.passed).toBe(3);
  });
});
