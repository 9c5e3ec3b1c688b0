import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from './run.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/multi-app/', import.meta.url));
// No kubectl: the overlays are not rendered (exit 3), the rest of the layout still forms its scopes.
const NO_KUBECTL = ['--kubectl', '/nonexistent/kubectl'];

describe('--cluster-scope', () => {
  it('states the clusters in the table report by default', async () => {
    const { stdout, stderr } = await cli(['scan', '.', ...NO_KUBECTL, '--fail-on', 'none'], { cwd: EXAMPLE });
    expect(stderr).not.toContain('internal error');
    expect(stdout).toMatch(
      /scope {4}5 clusters, each analysed on its own: namespace-less\/install\.yaml \(file\)/,
    );
    // Every place of a merged finding shows in the detailed view.
    const details = await cli(['scan', '.', ...NO_KUBECTL, '--fail-on', 'none', '--details'], {
      cwd: EXAMPLE,
    });
    expect(details.stdout).toContain('Also at: shop/quickstart/web.yaml:');
  });

  it('is an option of every command, before or after its name; all inputs as one cluster link the samples', async () => {
    const scoped = await cli(['paths', '.', ...NO_KUBECTL, '-f', 'json'], { cwd: EXAMPLE });
    const merged = await cli(['--cluster-scope', 'all', 'paths', '.', ...NO_KUBECTL, '-f', 'json'], {
      cwd: EXAMPLE,
    });
    const radius = (stdout: string) =>
      (JSON.parse(stdout) as { landings: { workload: string; blastRadius: string[] }[] }).landings.find(
        (l) => l.workload === 'workload:guestbook/frontend',
      )?.blastRadius;
    expect(radius(scoped.stdout)).toEqual([]);
    expect(radius(merged.stdout)).toContain('workloads in namespace monitoring');
    const json = await cli(['scan', '.', ...NO_KUBECTL, '-f', 'json', '--cluster-scope', 'all'], {
      cwd: EXAMPLE,
    });
    expect(JSON.parse(json.stdout)).not.toHaveProperty('scopes');
  });

  it('refuses an unknown mode as a usage error', async () => {
    const { code, stderr } = await cli(['scan', '.', '--cluster-scope', 'per-app'], { cwd: EXAMPLE });
    expect(code).toBe(2);
    expect(stderr).toContain('per-kustomization');
  });
});
