/** `reachCommand`: formats, focus, explain and usage errors, on the egress-and-ingress-both scenario. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { reachCommand } from '../../src/cli/reach-command.js';
import type { ReachFlags } from '../../src/cli/reach-command.js';
import { loadInputs } from '../../src/load/load-inputs.js';
import { computeReachability } from '../../src/analysis/netpol/index.js';
import { toConnectionList } from '../../src/analysis/netpol/connection-list.js';
import type { ClusterModel } from '../../src/model/index.js';
import { clusterFrom } from '../helpers/cluster-from.js';

const SCENARIO = fileURLToPath(new URL('../fixtures/netpol/egress-and-ingress-both/', import.meta.url));

let model: ClusterModel;

beforeAll(async () => {
  model = (await loadInputs([SCENARIO], { cwd: SCENARIO, kubectl: false })).model;
});

function run(flags: ReachFlags, on: ClusterModel = model) {
  let out = '';
  let err = '';
  const code = reachCommand(on, flags, {
    out: (s) => (out += s),
    err: (s) => (err += s),
    stdoutIsTTY: false,
    env: {},
  });
  return { code, out, err };
}

describe('reachCommand', () => {
  it('prints the normalised connection list as JSON', () => {
    const { code, out, err } = run({ format: 'json' });
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(JSON.parse(out)).toEqual(JSON.parse(readFileSync(`${SCENARIO}expected.json`, 'utf8')));
  });

  it('prints a table grouped by namespace, entering and leaving the cluster', () => {
    const { code, out } = run({});
    expect(code).toBe(0);
    expect(out.split('\n')).toEqual([
      'NetworkPolicy enforcement: assumed (no cluster definition in the input: policies are analysed as enforced)',
      '',
      'namespace shop',
      '  shop/db   ->  shop/client  All Connections',
      '  shop/db   ->  shop/web     All Connections',
      '  shop/web  ->  shop/client  All Connections',
      '  shop/web  ->  shop/db      TCP 5432',
      '',
      'entering the cluster',
      '  0.0.0.0-255.255.255.255  ->  shop/client  All Connections',
      '  0.0.0.0-255.255.255.255  ->  shop/web     All Connections',
      '',
      'leaving the cluster',
      '  shop/db   ->  0.0.0.0-255.255.255.255  All Connections',
      '  shop/web  ->  0.0.0.0-255.255.255.255  All Connections',
      '',
    ]);
  });

  it('focuses on a source, a destination and a port', () => {
    expect(JSON.parse(run({ format: 'json', from: 'shop/web' }).out)).toEqual([
      { src: 'shop/web', dst: '0.0.0.0-255.255.255.255', conn: 'All Connections' },
      { src: 'shop/web', dst: 'shop/client', conn: 'All Connections' },
      { src: 'shop/web', dst: 'shop/db', conn: ['TCP 5432'] },
    ]);
    expect(JSON.parse(run({ format: 'json', to: 'shop/db', port: 'tcp/5432' }).out)).toEqual([
      { src: 'shop/web', dst: 'shop/db', conn: ['TCP 5432'] },
    ]);
    expect(JSON.parse(run({ format: 'json', from: '203.0.113.9' }).out)).toEqual([
      { src: '0.0.0.0-255.255.255.255', dst: 'shop/client', conn: 'All Connections' },
      { src: '0.0.0.0-255.255.255.255', dst: 'shop/web', conn: 'All Connections' },
    ]);
    expect(JSON.parse(run({ format: 'json', port: '53/UDP', to: 'shop/db' }).out)).toEqual([]);
  });

  it('explains one pair: egress allowed by the source, ingress denied by the destination', () => {
    const { code, out } = run({ explain: true, from: 'shop/client', to: 'shop/db' });
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe('shop/client -> shop/db: no connection');
    expect(lines).toContain('  shop/client-egress');
    expect(lines).toContain('    spec.egress[0]: applies (pods app=db in namespace shop) -> TCP 5432');
    expect(lines).toContain('  shop/db-ingress');
    expect(lines).toContain('    spec.ingress[0]: does not apply to this peer');
    expect(lines).toContain('  allows: No Connections');
  });

  it('explains as JSON', () => {
    const json = JSON.parse(run({ explain: true, from: 'shop/web', to: 'shop/db', format: 'json' }).out) as {
      allowed: unknown;
      egress: { isolated: boolean };
      ingress: { isolated: boolean; policies: { policy: string; allowed: unknown }[] };
    };
    expect(json.allowed).toEqual(['TCP 5432']);
    expect(json.egress.isolated).toBe(false);
    expect(json.ingress.isolated).toBe(true);
    expect(json.ingress.policies).toMatchObject([{ policy: 'shop/db-ingress', allowed: ['TCP 5432'] }]);
  });

  it('draws DOT and writes Markdown', () => {
    const dot = run({ format: 'dot' }).out;
    expect(dot.startsWith('digraph reachability {\n')).toBe(true);
    expect(dot).toContain('  "shop/web" -> "shop/db" [label="TCP 5432"];');
    expect(dot).toContain('  subgraph "cluster_shop" {');
    const md = run({ format: 'markdown' }).out;
    expect(md).toContain('## From namespace shop');
    expect(md).toContain('| shop/web | shop/db | TCP 5432 |');
    expect(md).toContain('## Leaving the cluster');
  });

  it('says on stderr when no engine enforces the policies', () => {
    const unenforced = { ...model, clusters: [clusterFrom({ networkProfile: { networkPolicy: 'none' } })] };
    const { code, out, err } = run({ format: 'json', to: 'shop/db' }, unenforced);
    expect(code).toBe(0);
    expect(err).toContain('NetworkPolicies are not enforced');
    expect(JSON.parse(out)).toContainEqual({ src: 'shop/client', dst: 'shop/db', conn: 'All Connections' });
  });

  it('rejects bad usage with exit code 2', () => {
    expect(run({ format: 'yaml' })).toMatchObject({ code: 2, out: '' });
    expect(run({ compat: 'cyclonus' }).code).toBe(2);
    expect(run({ hostNetwork: 'host' }).code).toBe(2);
    expect(run({ port: '70000' }).code).toBe(2);
    expect(run({ explain: true, from: 'shop/web' }).code).toBe(2);
    expect(run({ explain: true, from: 'shop/web', to: 'shop/db', format: 'dot' }).code).toBe(2);
    const unknown = run({ from: 'web' });
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('did you mean shop/web?');
  });
});

describe('reach -f json, streamed', () => {
  it('prints the same bytes as stringifying the whole connection list', async () => {
    for (const name of ['unhardened', 'hardened', 'multi-tenant']) {
      const dir = fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));
      const { model } = await loadInputs([dir], { cwd: dir, kubectl: false });
      let out = '';
      const code = reachCommand(
        model,
        { format: 'json' },
        {
          out: (s) => (out += s),
          err: () => {},
          stdoutIsTTY: false,
          env: {},
        },
      );
      expect(code).toBe(0);
      expect(out).toBe(`${JSON.stringify(toConnectionList(computeReachability(model)), null, 2)}\n`);
    }
  });
});
