import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { loadFlowLogText, loadFlowLogs } from '../../../src/load/flows/index.js';
import type { ClusterModel, ObservedConnection, ObservedEndpoint } from '../../../src/model/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FLOWS = 'examples/evidence/unhardened/hubble-flows.jsonl';

async function unhardened(): Promise<ClusterModel> {
  return (await loadInputs(['examples/unhardened'], { cwd: ROOT, kubectl: false })).model;
}

function show(endpoint: ObservedEndpoint): string {
  switch (endpoint.kind) {
    case 'workload':
      return `${endpoint.workload.kind}/${endpoint.workload.namespace}/${endpoint.workload.name}`;
    case 'external':
      return endpoint.ip;
    case 'cluster-dns':
      return 'dns';
  }
}

const line = (c: ObservedConnection) =>
  `${show(c.from)} -> ${show(c.to)} ${c.protocol}/${c.port} x${c.flows}`;

describe('loadFlowLogs on the unhardened example', () => {
  it('turns Hubble records into connections between workloads, DNS and external addresses', async () => {
    const { traffic, diagnostics } = await loadFlowLogs([FLOWS], { cwd: ROOT, model: await unhardened() });
    expect(traffic.connections.map(line).sort()).toEqual([
      '198.51.100.77 -> Deployment/shop/web TCP/8080 x1',
      '203.0.113.45 -> Deployment/shop/web TCP/8080 x1',
      'DaemonSet/kube-system/log-agent -> 198.51.100.23 TCP/443 x2',
      'DaemonSet/kube-system/log-agent -> dns UDP/53 x1',
      'Deployment/shop/api -> StatefulSet/shop/db TCP/5432 x4',
      'Deployment/shop/api -> dns UDP/53 x1',
      'Deployment/shop/web -> Deployment/shop/api TCP/8080 x6',
      'Deployment/shop/web -> dns UDP/53 x2',
    ]);
    const agent = traffic.connections.find((c) => c.to.kind === 'external');
    expect(agent?.names).toEqual(['logs.contoso-observability.net']);
    expect(agent?.evidence[0]).toEqual({ file: FLOWS, line: 33 });
    // Replies are not new connections; the kubelet probe from the node is not a workload's traffic.
    expect(traffic.counts.replies).toBe(11);
    expect(traffic.dnsQueries.get('Deployment/shop/web')).toEqual(['api.shop.svc.cluster.local']);
    expect(traffic.dropped.map(line)).toEqual(['Deployment/shop/web -> StatefulSet/shop/db TCP/5432 x1']);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'unmatched-endpoint', level: 'warning', file: FLOWS, line: 36 }),
    ]);
    expect(diagnostics[0]?.message).toContain('aks-checkout-prod:checkout/cart-6c9f8d7b5-t4w8n');
    expect(traffic.counts.unmatched).toBe(1);
  });
});

const web = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    flow: {
      verdict: 'FORWARDED',
      IP: { source: '10.244.1.12', destination: '10.244.1.20' },
      l4: { TCP: { source_port: 40000, destination_port: 8080 } },
      source: {
        namespace: 'shop',
        pod_name: 'web-7d9c8b5f6d-x2k4q',
        labels: ['k8s:app=web', 'k8s:tier=frontend'],
      },
      destination: {
        namespace: 'shop',
        pod_name: 'api-5f8d7c9b4-h6t2w',
        labels: ['k8s:app=api', 'k8s:tier=backend'],
      },
      Type: 'L3_L4',
      ...extra,
    },
  });

describe('loadFlowLogText on bad input', () => {
  it('reports a truncated line with file and line, without echoing it, and reads the rest', async () => {
    const model = await unhardened();
    const text = [web(), web().slice(0, 80), '', web()].join('\n');
    const { traffic, diagnostics } = loadFlowLogText([{ file: 'flows.jsonl', text }], model);
    expect(diagnostics).toEqual([
      {
        code: 'parse-error',
        level: 'warning',
        message: expect.any(String) as string,
        file: 'flows.jsonl',
        line: 2,
      },
    ]);
    expect(diagnostics[0]?.message).not.toContain('10.244');
    expect(traffic.connections.map(line)).toEqual(['Deployment/shop/web -> Deployment/shop/api TCP/8080 x2']);
  });

  it('ignores unknown fields, skips Hubble status events, and flags JSON that is no flow', async () => {
    const model = await unhardened();
    const text = [
      web({ some_future_field: { nested: [1, 2] }, egress_allowed_by: [] }),
      JSON.stringify({ lost_events: { source: 'HUBBLE_RING_BUFFER', num_events_lost: 3 } }),
      JSON.stringify({ hello: 'world' }),
      '[1, 2, 3]',
    ].join('\n');
    const { traffic, diagnostics } = loadFlowLogText([{ file: 'f.jsonl', text }], model);
    expect(traffic.connections).toHaveLength(1);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['not-a-flow', 3],
      ['not-a-flow', 4],
    ]);
    expect(traffic.counts.ignored).toBe(1);
  });

  it('resolves workloads by pod name when a record carries no owner or labels (Log Analytics rows)', async () => {
    const model = await unhardened();
    const row = {
      TimeGenerated: '2026-11-20T09:20:00Z',
      SourceNamespace: 'shop',
      SourcePodName: 'api-5f8d7c9b4-h6t2w',
      DestinationNamespace: 'shop',
      DestinationPodName: 'db-0',
      Verdict: 'FORWARDED',
      TrafficDirection: 'EGRESS',
      Reply: false,
      IP: { source: '10.244.1.20', destination: '10.244.2.30' },
      Layer4: JSON.stringify({ TCP: { source_port: 49810, destination_port: 5432 } }),
    };
    const reply = { ...row, Reply: true };
    const { traffic, diagnostics } = loadFlowLogText(
      [{ file: 'la.jsonl', text: `${JSON.stringify(row)}\n${JSON.stringify(reply)}\n` }],
      model,
    );
    expect(diagnostics).toEqual([]);
    expect(traffic.connections.map(line)).toEqual(['Deployment/shop/api -> StatefulSet/shop/db TCP/5432 x1']);
    expect(traffic.counts.replies).toBe(1);
  });

  it('gives a read error for a missing file and still reads the others', async () => {
    const model = await unhardened();
    const { traffic, diagnostics } = await loadFlowLogs(['missing.jsonl', FLOWS], { cwd: ROOT, model });
    expect(diagnostics[0]).toEqual(
      expect.objectContaining({ code: 'read-error', level: 'error', file: 'missing.jsonl' }),
    );
    expect(traffic.connections.length).toBeGreaterThan(0);
    expect(path.isAbsolute(diagnostics[0]?.file ?? '')).toBe(false);
  });

  it('never throws on arbitrary lines', async () => {
    const model = await unhardened();
    const junk = [
      '{',
      'null',
      '"x"',
      '{"flow": 3}',
      '{"flow": {"l4": {"TCP": "no"}}}',
      '{"verdict": 7}',
      '\u0000',
    ];
    const { diagnostics } = loadFlowLogText([{ file: 'j', text: junk.join('\n') }], model);
    expect(diagnostics.length).toBeGreaterThan(0);
  });
});

describe('flow log files are read as inputs are', () => {
  it('refuses a FIFO and a device without opening them, and reads the other files', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, symlinkSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(path.join(tmpdir(), 'aksward-flows-'));
    execFileSync('mkfifo', [path.join(dir, 'fifo.jsonl')]);
    symlinkSync('/dev/zero', path.join(dir, 'zero.jsonl'));
    writeFileSync(path.join(dir, 'empty.jsonl'), '');
    const result = await loadFlowLogs(['fifo.jsonl', 'zero.jsonl', 'empty.jsonl'], { cwd: dir, model: [] });
    const unread = result.diagnostics.filter((d) => d.code === 'read-error').map((d) => d.file);
    expect(unread).toEqual(['fifo.jsonl', 'zero.jsonl']);
  }, 20_000);
});
