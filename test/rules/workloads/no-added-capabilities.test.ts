/** @module Tests for no-added-capabilities. */
import { describe, expect, it } from 'vitest';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

const CONTAINER = 'spec.template.spec.containers[0].securityContext';

testRule('no-added-capabilities', {
  valid: ['valid.drop-all.yaml'],
  // Linux-only settings do not apply to Windows pods.
  notAssessed: ['valid.windows.yaml'],
  invalid: [
    {
      fixture: 'invalid.no-drop.yaml',
      findings: [{ subject: 'Deployment/shop/web', path: `${CONTAINER}.capabilities.drop`, line: 15 }],
    },
    {
      fixture: 'invalid.adds-net-admin.yaml',
      findings: [
        {
          subject: 'DaemonSet/ops/netdiag',
          path: `${CONTAINER}.capabilities.add`,
          severity: 'high',
          line: 20,
        },
      ],
    },
    {
      fixture: 'invalid.lower-case-all.yaml',
      findings: [
        {
          subject: 'Deployment/shop/web',
          path: `${CONTAINER}.capabilities.drop`,
          severity: 'info',
          line: 32,
        },
      ],
    },
    {
      fixture: 'invalid.privileged.yaml',
      findings: [
        { subject: 'Pod/ops/node-shell', path: 'spec.containers[0].securityContext.privileged', line: 12 },
      ],
    },
  ],
});

describe('no-added-capabilities details', () => {
  it('reads added names case-insensitively, as the runtime does', async () => {
    const { result } = await runRuleOn('no-added-capabilities', 'invalid.adds-net-admin.yaml');
    expect(result.findings[0]?.message).toContain('adds NET_ADMIN, sys_ptrace');
  });

  it('counts drop: ["all"] as ALL but notes that a restricted namespace rejects it', async () => {
    const { result } = await runRuleOn('no-added-capabilities', 'invalid.lower-case-all.yaml');
    expect(result.findings[0]?.message).toContain('Pod Security Admission compares them exactly');
    expect(result.findings[0]?.admission).toBe(
      'blocked at admission: namespace shop enforces restricted (pod-security.kubernetes.io/enforce): its Capabilities control rejects these pods',
    );
  });

  it('gives the privileged case its own fix', async () => {
    const { result } = await runRuleOn('no-added-capabilities', 'invalid.privileged.yaml');
    expect(result.findings[0]?.fix).toContain('Remove securityContext.privileged: true');
  });
});
