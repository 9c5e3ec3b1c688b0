/** @module A config suppression with a `file` glob on a finding defined in several files: suppressed only when it covers every one. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClusterScopeMode } from '../../src/load/scopes/assign-scopes.js';
import { scan } from '../../src/scan.js';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: agent
  namespace: ops
spec:
  containers:
    - name: main
      image: registry.example/agent@sha256:${'a'.repeat(64)}
      securityContext:
        privileged: true
`;

/** The same privileged pod in base/ and in overlays/prod/, as alternative installs of one app. */
function repository(base = POD): string {
  const root = mkdtempSync(join(tmpdir(), 'aksward-suppress-'));
  for (const [folder, text] of [
    ['base', base],
    ['overlays/prod', POD],
  ] as const) {
    mkdirSync(join(root, 'app', folder), { recursive: true });
    writeFileSync(join(root, 'app', folder, 'pod.yaml'), text);
  }
  return root;
}

async function privileged(file: string, clusterScope: ClusterScopeMode) {
  const { result, scopes } = await scan(['app'], {
    cwd: repository(),
    kubectl: false,
    today: '2026-12-01',
    clusterScope,
    config: { suppressions: [{ rule: 'no-privileged', reason: 'prod exception', file }] },
  });
  const findings = result.findings.filter((f) => f.ruleId === 'no-privileged');
  return { findings, scopes, unused: result.unusedSuppressions };
}

// One scope (the copies are one object) and two scopes (the copies are merged after each scope's audit).
describe.each(['all', 'per-folder'] as const)('a file-glob suppression, --cluster-scope %s', (mode) => {
  it('leaves the finding failing when it covers only some of its locations, saying which', async () => {
    const { findings, scopes, unused } = await privileged('app/overlays/prod/**', mode);
    expect(scopes.length).toBe(mode === 'all' ? 1 : 2);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding?.status).toBe('fail');
    expect(finding?.suppression).toBeUndefined();
    expect(finding?.locations?.map((l) => l.file).sort()).toEqual([
      'app/base/pod.yaml',
      'app/overlays/prod/pod.yaml',
    ]);
    expect(finding?.notes).toEqual(
      expect.arrayContaining([
        'not suppressed: the config suppression (prod exception) covers app/overlays/prod/pod.yaml:11 but not app/base/pod.yaml:11, where the same object is defined',
      ]),
    );
    // It covered something: not reported as unused.
    expect(unused).toEqual([]);
  });

  it('suppresses the finding when it covers every location', async () => {
    const { findings } = await privileged('app/**', mode);
    expect(findings.map((f) => [f.status, f.suppression?.reason, f.notes])).toEqual([
      ['suppressed', 'prod exception', undefined],
    ]);
  });
});

describe('an inline comment on the first copy', () => {
  it('does not hide the copy it is not written in', async () => {
    const commented = POD.replace(
      'privileged: true',
      'privileged: true # aksward:ignore no-privileged base only',
    );
    const { result } = await scan(['app'], {
      cwd: repository(commented),
      kubectl: false,
      today: '2026-12-01',
      clusterScope: 'all',
    });
    const findings = result.findings.filter((f) => f.ruleId === 'no-privileged');
    expect(findings.map((f) => f.status)).toEqual(['fail']);
    expect(findings[0]?.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^not suppressed: the comment suppression \(base only\)/),
      ]),
    );
  });
});
