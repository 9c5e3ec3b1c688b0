import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';

const pod = (namespace: string, name: string, privileged: boolean) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  containers:
    - name: main
      image: registry.example/app@sha256:${'a'.repeat(64)}
      securityContext:
        privileged: ${String(privileged)}
`;

/** Two unrelated sample folders: each its own cluster scope. */
function samples(): string {
  const root = mkdtempSync(join(tmpdir(), 'aksward-scoped-'));
  for (const [folder, privileged] of [
    ['one', true],
    ['two', false],
  ] as const) {
    mkdirSync(join(root, 'samples', folder), { recursive: true });
    writeFileSync(join(root, 'samples', folder, 'pod.yaml'), pod(folder, 'app', privileged));
  }
  return root;
}

describe('runScopedAudit', () => {
  it('counts a config suppression used in one scope as used, and one used in none as unused', async () => {
    const cwd = samples();
    const { result, scopes } = await scan(['samples'], {
      cwd,
      kubectl: false,
      today: '2026-12-01',
      config: {
        suppressions: [
          { rule: 'no-privileged', reason: 'the agent needs it', namespace: 'one' },
          { rule: 'no-privileged', reason: 'stale', namespace: 'gone' },
        ],
      },
    });
    expect(scopes.map((s) => s.name)).toEqual(['samples/one/pod.yaml', 'samples/two/pod.yaml']);
    expect(result.findings.filter((f) => f.ruleId === 'no-privileged').map((f) => f.status)).toEqual([
      'suppressed',
    ]);
    expect(result.unusedSuppressions.map((u) => u.description)).toEqual([
      'config suppression of no-privileged namespace=gone',
    ]);
  });

  it('sums each scope’s checks into one coverage, and names each finding’s scope', async () => {
    const { result } = await scan(['samples'], { cwd: samples(), kubectl: false, today: '2026-12-01' });
    const privileged = result.findings.filter((f) => f.ruleId === 'no-privileged');
    expect(privileged.map((f) => [f.subject.display, f.scopes])).toEqual([
      ['Pod/one/app', ['samples/one/pod.yaml']],
    ]);
    // One pod per scope: the rule checked two pods, one passed.
    expect(result.coverage.workloads.passed).toBeGreaterThan(0);
    const single = await scan(['samples'], {
      cwd: samples(),
      kubectl: false,
      today: '2026-12-01',
      clusterScope: 'all',
    });
    // Per-object checks do not depend on the scoping: the same counts as one cluster.
    expect(result.coverage.workloads).toEqual(single.result.coverage.workloads);
  });
});
