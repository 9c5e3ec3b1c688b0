/** @module The workload rules on the shipped examples: the hardened one is clean, the unhardened one fails where it should. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  evaluatePodSecurity,
  LATEST_POLICY_MINOR,
  podSecurityInputOf,
} from '../../../src/analysis/pod-security/index.js';
import { runAudit } from '../../../src/engine/run-audit.js';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { extractWorkloads } from '../../../src/model/index.js';
import { allRules } from '../../../src/rules/index.js';
import { severityRank } from '../../../src/rules/types.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
const MINE = new Set([
  'no-privileged',
  'require-non-root',
  'no-privilege-escalation',
  'no-host-namespaces',
  'no-added-capabilities',
  'no-host-path',
  'require-seccomp',
  'require-read-only-root',
  'require-allowed-registries',
  'no-mutable-image-tags',
]);

async function scan(example: string) {
  const loaded = await loadInputs([example], { cwd: EXAMPLES, kubectl: false });
  const result = runAudit(loaded.model, { rules: allRules, today: '2026-11-23' });
  return { loaded, findings: result.findings.filter((f) => f.surface === 'workloads') };
}

describe('examples/hardened', () => {
  it('has no failing workloads finding at or above medium, and none at all from the pod rules', async () => {
    const { findings } = await scan('hardened');
    const failing = findings.filter(
      (f) => f.status === 'fail' && severityRank(f.severity) >= severityRank('medium'),
    );
    expect(failing.map((f) => `${f.ruleId} ${f.subject.display}`)).toEqual([]);
    expect(findings.filter((f) => MINE.has(f.ruleId)).map((f) => `${f.ruleId} ${f.subject.display}`)).toEqual(
      [],
    );
  });

  it('conforms to the restricted profile its namespace enforces', async () => {
    const { loaded } = await scan('hardened');
    const workloads = extractWorkloads(loaded.model.objects);
    expect(workloads.map((w) => w.display)).toEqual([
      'Deployment/shop/api',
      'StatefulSet/shop/db',
      'Deployment/shop/web',
    ]);
    for (const workload of workloads) {
      expect(evaluatePodSecurity(podSecurityInputOf(workload), 'restricted', LATEST_POLICY_MINOR)).toEqual(
        [],
      );
    }
  });
});

describe('examples/unhardened', () => {
  it('fails each pod rule where the manifests are weak', async () => {
    const { findings } = await scan('unhardened');
    const mine = findings.filter((f) => MINE.has(f.ruleId));
    const count = (ruleId: string) => mine.filter((f) => f.ruleId === ruleId).length;
    expect(mine.every((f) => f.status === 'fail')).toBe(true);
    expect(count('no-privileged')).toBe(1);
    expect(count('no-host-namespaces')).toBe(1);
    expect(count('no-host-path')).toBe(1);
    expect(mine.find((f) => f.ruleId === 'no-host-path')?.severity).toBe('critical');
    for (const rule of [
      'require-non-root',
      'no-privilege-escalation',
      'no-added-capabilities',
      'require-seccomp',
    ]) {
      expect(count(rule), rule).toBe(4);
    }
    expect(count('require-read-only-root')).toBe(4);
    expect(count('no-mutable-image-tags')).toBe(4);
    // nginx, postgres (Docker Hub short names) and docker.io/fluent/fluent-bit; the API comes from ACR.
    expect(
      mine
        .filter((f) => f.ruleId === 'require-allowed-registries')
        .map((f) => f.subject.display)
        .sort(),
    ).toEqual(['DaemonSet/kube-system/log-agent', 'Deployment/shop/web', 'StatefulSet/shop/db']);
    // No namespace of the example enforces a Pod Security level, so nothing is closed at admission.
    expect(mine.filter((f) => f.admission !== undefined)).toEqual([]);
  });
});
