/**
 * `--namespace`: namespace-less manifests meant for `kubectl apply -n argocd` (an Argo CD install) land in
 * `default` unless it is given, and the inputs section says which objects were placed by assumption.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/load/load-inputs.js';
import { cli } from './run.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = 'test/fixtures/load/inputs/namespace-less';
const run = (args: readonly string[]) => cli(args, { cwd: ROOT });
const CONTROLLER = 'workload StatefulSet/argocd/argocd-application-controller';

describe('--namespace', () => {
  it('links the controller to its cluster-admin binding only when the install namespace is given', async () => {
    const without = await run(['who-can', '*', '*', '-i', FIXTURE]);
    expect(without.stdout).toContain(
      'ServiceAccount system:serviceaccount:argocd:argocd-application-controller',
    );
    expect(without.stdout).not.toContain(CONTROLLER);
    const withNamespace = await run(['who-can', '*', '*', '-i', FIXTURE, '--input-namespace', 'argocd']);
    expect(withNamespace.stdout).toContain(CONTROLLER);
    // who-can's own -n stays the request's namespace
    const request = await run(['who-can', '*', '*', '-i', FIXTURE, '--namespace', 'argocd']);
    expect(request.stdout.split('\n')[0]).toBe('who can * * in namespace argocd:');
    expect(request.stdout).not.toContain(CONTROLLER);
  });

  it('places namespaced objects only, and says so per input', async () => {
    const placed = await loadInputs([FIXTURE], { cwd: ROOT, namespace: 'argocd' });
    expect(placed.model.objects.map((o) => [o.kind, o.namespace])).toEqual([
      ['ServiceAccount', 'argocd'],
      ['ClusterRole', undefined],
      ['ClusterRoleBinding', undefined],
      ['StatefulSet', 'argocd'],
    ]);
    expect(placed.inputs[0]?.assumed).toBe('2 objects without a namespace placed in argocd (--namespace)');
    const assumed = await loadInputs([FIXTURE], { cwd: ROOT });
    expect(assumed.model.objects.map((o) => o.namespace)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(assumed.inputs[0]?.assumed).toMatch(
      /^2 objects without a namespace placed in default by assumption/,
    );
  });

  it('is reported in the scan inputs section and refused when not a namespace name', async () => {
    const scan = await run(['scan', FIXTURE, '--fail-on', 'none']);
    expect(scan.stdout).toMatch(
      /assumed {2}test\/fixtures\/load\/inputs\/namespace-less\/install\.yaml: 2 objects/,
    );
    const json = await run(['scan', FIXTURE, '--namespace', 'argocd', '-f', 'json', '--fail-on', 'none']);
    const report = JSON.parse(json.stdout) as { inputs: { assumed?: string }[] };
    expect(report.inputs[0]?.assumed).toContain('placed in argocd');
    const bad = await run(['scan', FIXTURE, '--namespace', 'Argo CD']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--namespace expects a namespace name');
  });

  it('is an option of reach too', async () => {
    const placed = await run(['reach', FIXTURE, '--namespace', 'argocd']);
    expect(placed.stdout).toContain('->  argocd/argocd-application-controller');
    const assumed = await run(['reach', FIXTURE]);
    expect(assumed.stdout).toContain('->  default/argocd-application-controller');
  });
});
