/**
 * reach, can-i, who-can and access per cluster scope: a connection or grant that exists only by mixing two
 * unrelated apps is gone per scope and back with `--cluster-scope all`.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from './run.js';

const MULTI_APP = fileURLToPath(new URL('../../examples/multi-app/', import.meta.url));
// Two folders: reports binds its service account to a ClusterRole only billing defines.
const APPS = fileURLToPath(new URL('../fixtures/clusters/unrelated-apps/', import.meta.url));
// No kubectl: the overlays are not rendered (exit 3), the rest of the layout still forms five scopes.
const NO_KUBECTL = ['--kubectl', '/nonexistent/kubectl'];
const ALL = ['--cluster-scope', 'all'];

interface Row {
  readonly src: string;
  readonly dst: string;
  readonly scopes?: string[];
}

const reach = (args: readonly string[]) => cli(['reach', '.', ...NO_KUBECTL, ...args], { cwd: MULTI_APP });
const rowsOf = (stdout: string): Row[] => (JSON.parse(stdout) as { connections: Row[] }).connections;

describe('reach per cluster scope', () => {
  it('connects two unrelated samples only when every input is one cluster', async () => {
    const crossing = (rows: readonly Row[]) =>
      rows.filter((r) => r.src === 'guestbook/frontend' && r.dst === 'shop/web');
    const scoped = rowsOf((await reach(['-f', 'json'])).stdout);
    expect(scoped.length).toBeGreaterThan(0);
    expect(crossing(scoped)).toEqual([]);
    expect(crossing(rowsOf((await reach([...ALL, '-f', 'json'])).stdout))).toHaveLength(1);
  });

  it('names the scopes of each row, one row for the same connection in two installs', async () => {
    const run = await reach(['-f', 'json']);
    const json = JSON.parse(run.stdout) as { scopes: { name: string }[]; connections: Row[] };
    expect(json.scopes.map((s) => s.name)).toContain('samples/guestbook/frontend.yaml');
    const webToApi = json.connections.filter((r) => r.src === 'shop/web' && r.dst === 'shop/api');
    expect(webToApi).toEqual([
      expect.objectContaining({ scopes: ['shop/all-in-one.yaml', 'shop/quickstart'] }),
    ]);
    const table = await reach([]);
    expect(table.stdout).toMatch(/^Cluster scopes: 5 clusters, each analysed on its own: namespace-less/);
    expect(table.stdout).toMatch(
      /shop\/web +-> +shop\/api +All Connections +in shop\/all-in-one\.yaml, shop\/quickstart\n/,
    );
    const markdown = await reach(['-f', 'markdown']);
    expect(markdown.stdout).toContain(
      '| shop/web | shop/api | All Connections | shop/all-in-one.yaml, shop/quickstart |',
    );
  });

  it('draws each scope in its own box: no edge joins two scopes', async () => {
    const { stdout } = await reach(['-f', 'dot']);
    const edges = [...stdout.matchAll(/^ +"(\d+):[^"]*" -> "(\d+):[^"]*"/gm)];
    expect(edges.length).toBeGreaterThan(0);
    for (const [, from, to] of edges) expect(from).toBe(to);
    expect(stdout.match(/subgraph "cluster_scope_\d+"/g)).toHaveLength(5);
  });

  it('selects --from/--to in the scopes holding both; apart or absent is a usage error', async () => {
    const apart = await reach(['--from', 'guestbook/frontend', '--to', 'shop/web']);
    expect(apart).toMatchObject({ code: 2, stdout: '' });
    expect(apart.stderr).toContain('are in no common cluster scope; --cluster-scope all');
    const joined = await reach([...ALL, '--from', 'guestbook/frontend', '--to', 'shop/web']);
    expect(joined.stdout).toMatch(/guestbook\/frontend +-> +shop\/web/);
    const absent = await reach(['--from', 'web']);
    expect(absent).toMatchObject({ code: 2, stdout: '' });
    expect(absent.stderr).toContain(
      'is neither a workload (namespace/name) of the input nor an IP address (did you mean shop/web?)',
    );
    const explained = await reach(['--from', 'shop/web', '--to', 'shop/api', '--explain', '-f', 'json']);
    const explanations = (JSON.parse(explained.stdout) as { explanations: { scope: string }[] }).explanations;
    expect(explanations.map((e) => e.scope)).toEqual(['shop/all-in-one.yaml', 'shop/quickstart']);
  });
});

const rbac = (args: readonly string[]) => cli([...args, '-i', '.'], { cwd: APPS });
const AS_WEB = ['-n', 'reports', '--as', 'system:serviceaccount:reports:web'];

describe('can-i, who-can and access per cluster scope', () => {
  it('can-i: a binding of one app grants nothing through a role of another', async () => {
    const scoped = await rbac(['can-i', 'get', 'secrets', ...AS_WEB]);
    expect(scoped.code).toBe(1);
    expect(scoped.stdout.split('\n')[0]).toBe('no');
    expect(scoped.stdout).toMatch(
      /\nCluster scopes: 2 clusters, each analysed on its own: billing\/app\.yaml \(file\), reports\/app\.yaml\s+\(file\)\n/,
    );
    expect(scoped.stdout).toContain('undecided in cluster scope reports/app.yaml\n');
    const merged = await rbac(['can-i', 'get', 'secrets', ...AS_WEB, ...ALL]);
    expect(merged.code).toBe(0);
    expect(merged.stdout.split('\n')[0]).toBe('yes');
  });

  it('can-i: yes when the subject can in any scope, naming where', async () => {
    const args = ['can-i', 'get', 'secrets', '-n', 'billing', '--as', 'system:serviceaccount:billing:api'];
    const run = await rbac([...args, '-f', 'json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as {
      allowed: boolean;
      allowedIn: string[];
      scopes: { verdict: string }[];
    };
    expect(json).toMatchObject({ allowed: true, allowedIn: ['billing/app.yaml'] });
    expect(json.scopes.map((s) => s.verdict)).toEqual(['allowed', 'denied']);
    expect((await rbac([...args])).stdout).toMatch(/^yes\n[^]*\nyes in cluster scope billing\/app\.yaml\n/);
  });

  it('who-can: the service account is only possibly allowed per scope, certainly when mixed', async () => {
    interface Subject {
      readonly name: string;
      readonly certain: boolean;
    }
    const web = (subjects: readonly Subject[]) =>
      subjects.filter((s) => s.name === 'system:serviceaccount:reports:web').map((s) => s.certain);
    const scoped = await rbac(['who-can', 'get', 'secrets', '-n', 'reports', '-f', 'json']);
    const perScope = (JSON.parse(scoped.stdout) as { scopes: { name: string; subjects: Subject[] }[] })
      .scopes;
    expect(perScope.map((s) => [s.name, web(s.subjects)])).toEqual([
      ['billing/app.yaml', []],
      ['reports/app.yaml', [false]],
    ]);
    const merged = await rbac(['who-can', 'get', 'secrets', '-n', 'reports', '-f', 'json', ...ALL]);
    expect(web((JSON.parse(merged.stdout) as { subjects: Subject[] }).subjects)).toEqual([true]);
  });

  it('access: the secrets rule appears only when every input is one cluster', async () => {
    interface Grant {
      readonly rule: { readonly resources: string[] };
    }
    const secrets = (grants: readonly Grant[]) => grants.filter((g) => g.rule.resources.includes('secrets'));
    const args = ['access', 'system:serviceaccount:reports:web', '-f', 'json'];
    const scoped = JSON.parse((await rbac(args)).stdout) as { scopes: { kubernetes: Grant[] }[] };
    expect(scoped.scopes).toHaveLength(2);
    for (const scope of scoped.scopes) expect(secrets(scope.kubernetes)).toEqual([]);
    const merged = JSON.parse((await rbac([...args, ...ALL])).stdout) as { kubernetes: Grant[] };
    expect(secrets(merged.kubernetes)).toHaveLength(1);
    const text = await rbac(['access', 'system:serviceaccount:reports:web']);
    expect(text.stdout).toContain('in cluster scope reports/app.yaml:\n');
    // Scopes answering alike are one block.
    const anonymous = await rbac(['access', 'system:anonymous']);
    expect(anonymous.stdout).toContain('\nin every cluster scope:\n');
    expect(anonymous.stdout).not.toContain('in cluster scope ');
  });
});
