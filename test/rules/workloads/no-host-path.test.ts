/** @module Tests for no-host-path. */
import { describe, expect, it } from 'vitest';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

testRule('no-host-path', {
  valid: ['valid.empty-dir.yaml'],
  invalid: [
    {
      fixture: 'invalid.writable.yaml',
      findings: [
        {
          subject: 'DaemonSet/monitoring/log-agent',
          path: 'spec.template.spec.volumes[0].hostPath',
          severity: 'critical',
          line: 21,
        },
      ],
    },
    {
      fixture: 'invalid.read-only.yaml',
      findings: [
        {
          subject: 'DaemonSet/monitoring/log-shipper',
          path: 'spec.template.spec.volumes[0].hostPath',
          severity: 'high',
        },
      ],
    },
    {
      fixture: 'invalid.one-writable-mount.yaml',
      findings: [
        {
          subject: 'Deployment/shop/cache',
          path: 'spec.template.spec.volumes[0].hostPath',
          severity: 'critical',
        },
      ],
    },
    {
      fixture: 'invalid.unmounted.yaml',
      findings: [
        { subject: 'Pod/ops/toolbox', path: 'spec.volumes[0].hostPath', severity: 'high', line: 13 },
      ],
    },
  ],
});

describe('no-host-path messages', () => {
  it('names the writable mounts, and says when read-only is not recursive', async () => {
    const writable = await runRuleOn('no-host-path', 'invalid.one-writable-mount.yaml');
    expect(writable.result.findings[0]?.message).toContain('writable (container "warmer")');
    const readOnly = await runRuleOn('no-host-path', 'invalid.read-only.yaml');
    expect(readOnly.result.findings[0]?.message).not.toContain('not recursive');
  });
});
