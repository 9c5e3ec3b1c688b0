/** The `reach` verb and its renderers: formats, focus, explain and errors, on the egress-and-ingress-both scenario. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePort, reach } from '../../../src/engine/reach.js';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { computeReachability } from '../../../src/analysis/netpol/index.js';
import { toConnectionList } from '../../../src/analysis/netpol/connection-list.js';
import type { ClusterModel } from '../../../src/model/index.js';
import type { ReachFormat } from '../../../src/report/reach/index.js';
import { explainRenderers, reachRenderers, reachWarnings } from '../../../src/report/reach/index.js';
import { clusterFrom } from '../../helpers/cluster-from.js';
import { renderPieces, renderText } from '../../helpers/render-text.js';

const SCENARIO = fileURLToPath(new URL('../../fixtures/netpol/egress-and-ingress-both/', import.meta.url));

interface ReachFlags {
  readonly format?: ReachFormat;
  readonly from?: string;
  readonly to?: string;
  readonly port?: string;
  readonly explain?: boolean;
}

let model: ClusterModel;

beforeAll(async () => {
  model = (await loadInputs([SCENARIO], { cwd: SCENARIO, kubectl: false })).model;
});

/** What `aksward reach` does with the flags: the verb, its warnings, then the renderer the format picks. */
function run(flags: ReachFlags, on: ClusterModel = model) {
  const result = reach(on);
  const err = reachWarnings(result);
  const format = flags.format ?? 'table';
  if (flags.explain === true) {
    const render = explainRenderers[format];
    if (!render || flags.from === undefined || flags.to === undefined) throw new Error('bad explain');
    return { out: renderText(render, result.explain(flags.from, flags.to)), err };
  }
  const focus = {
    ...(flags.from === undefined ? {} : { from: flags.from }),
    ...(flags.to === undefined ? {} : { to: flags.to }),
    ...(flags.port === undefined ? {} : { port: parsePort(flags.port) }),
  };
  return { out: renderText(reachRenderers[format], result.connections(focus)), err };
}

describe('reach renderers', () => {
  it('prints the normalised connection list as JSON', () => {
    const { out, err } = run({ format: 'json' });
    expect(err).toBe('');
    expect(JSON.parse(out)).toEqual(JSON.parse(readFileSync(`${SCENARIO}expected.json`, 'utf8')));
  });

  it('prints a table grouped by namespace, entering and leaving the cluster', () => {
    const { out } = run({});
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
    const { out } = run({ explain: true, from: 'shop/client', to: 'shop/db' });
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
    const { out, err } = run({ format: 'json', to: 'shop/db' }, unenforced);
    expect(err).toContain('NetworkPolicies are not enforced');
    expect(JSON.parse(out)).toContainEqual({ src: 'shop/client', dst: 'shop/db', conn: 'All Connections' });
  });

  it('rejects a malformed port and a side that names nothing, with a hint', () => {
    expect(() => parsePort('70000')).toThrow('is not PORT or PROTOCOL/PORT');
    expect(() => parsePort('HTTP/80')).toThrow('is not PORT or PROTOCOL/PORT');
    expect(parsePort('53/udp')).toEqual({ protocol: 'UDP', port: 53 });
    const result = reach(model);
    expect(() => result.connections({ from: 'web' })).toThrow('did you mean shop/web?');
    expect(() => result.explain('shop/web', 'nowhere')).toThrow('--to "nowhere" is neither');
  });
});

describe('reach -f json, streamed', () => {
  it('prints the same bytes as stringifying the whole connection list', async () => {
    for (const name of ['unhardened', 'hardened', 'multi-tenant']) {
      const dir = fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url));
      const { model } = await loadInputs([dir], { cwd: dir, kubectl: false });
      const out = renderText(reachRenderers.json, reach(model).connections());
      expect(out).toBe(`${JSON.stringify(toConnectionList(computeReachability(model)), null, 2)}\n`);
    }
  });

  it('visits the connections one entry at a time and writes them in pieces', () => {
    const connections = reach(model).connections();
    let entries = 0;
    connections.forEachEntry(() => entries++);
    expect(entries).toBe(connections.list().length);
    expect(renderPieces(reachRenderers.json, connections).length).toBeGreaterThanOrEqual(1);
  });
});
