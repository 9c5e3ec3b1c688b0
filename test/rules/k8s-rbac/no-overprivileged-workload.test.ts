/** @module Tests for no-overprivileged-workload. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/engine/run-audit.js';
import { loadInputs } from '../../../src/load/load-inputs.js';
import rule from '../../../src/rules/k8s-rbac/no-overprivileged-workload.js';
import { testRule } from '../../helpers/test-rule.js';

testRule('no-overprivileged-workload', {
  valid: ['valid.least-privilege.yaml'],
  invalid: [
    {
      fixture: 'invalid.secret-reader.yaml',
      findings: [
        {
          subject: 'Deployment/shop/api',
          path: 'spec.template.spec.serviceAccountName',
          severity: 'critical',
          line: 47,
        },
      ],
    },
    {
      fixture: 'invalid.via-group.yaml',
      findings: [
        {
          subject: 'CronJob/batch-jobs/report',
          path: 'spec.jobTemplate.spec.template.spec',
          severity: 'medium',
          line: 37,
        },
      ],
    },
  ],
});

describe('no-overprivileged-workload (examples)', () => {
  const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
  it('flags web, api and db of the unhardened shop, which run as the default account bound to the deployer Role', async () => {
    const loaded = await loadInputs(['examples/unhardened'], { cwd: ROOT, kubectl: false });
    const { findings } = runAudit(loaded.model, { rules: [rule], today: '2026-11-23' });
    // The internet-exposed web first, then api and db, which it reaches (ranked by attacker gain).
    expect(findings.map((f) => [f.subject.display, f.severity, f.exposure])).toEqual([
      ['Deployment/shop/web', 'critical', 'internet'],
      ['Deployment/shop/api', 'critical', 'lateral'],
      ['StatefulSet/shop/db', 'critical', 'lateral'],
    ]);
    expect(findings[2]?.message).toContain('read secrets');
    expect(findings[2]?.message).toContain('RoleBinding/shop/default-deployer');
  });

  it('passes every workload of the hardened shop', async () => {
    const loaded = await loadInputs(['examples/hardened'], { cwd: ROOT, kubectl: false });
    expect(runAudit(loaded.model, { rules: [rule], today: '2026-11-23' }).findings).toEqual([]);
  });
});
