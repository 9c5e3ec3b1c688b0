import { describe, expect, it } from 'vitest';
import { analyzeReachability } from '../../../src/analysis/netpol/index.js';
import type { Reachability } from '../../../src/analysis/netpol/index.js';
import { explainPair } from '../../../src/analysis/netpol/explain.js';
import type { PairSide } from '../../../src/analysis/netpol/explain.js';
import { parseIp } from '../../../src/model/index.js';
import { describePorts } from '../../../src/analysis/netpol/port-set.js';
import type { JsonObject, KubeObject } from '../../../src/model/index.js';

function kube(kind: string, name: string, namespace: string, body: JsonObject): KubeObject {
  return {
    apiVersion: 'v1',
    kind,
    name,
    namespace,
    labels: {},
    annotations: {},
    body: { kind, metadata: { name, namespace }, ...body },
    origin: { file: 'm.yaml', documentIndex: 0, basePath: [], at: { file: 'm.yaml', line: 1 } },
  };
}

const deployment = (name: string, labels: Record<string, string>, extra: JsonObject = {}) =>
  kube('Deployment', name, 'shop', {
    spec: {
      template: {
        metadata: { labels },
        spec: { containers: [{ name, ports: [{ name: 'http', containerPort: 8080 }] }], ...extra },
      },
    },
  });

const OBJECTS = [
  deployment('web', { app: 'web' }),
  deployment('agent', { app: 'agent' }, { hostNetwork: true }),
  kube('NetworkPolicy', 'web-in', 'shop', {
    spec: {
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [
        { from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }], ports: [{ port: 443 }] },
        { from: [{ podSelector: { matchLabels: { app: 'agent' } } }], ports: [{ port: 'http' }] },
      ],
    },
  }),
  kube('NetworkPolicy', 'deny-all', 'shop', {
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  }),
];

const side = (result: Reachability, id: string): Extract<PairSide, { kind: 'workload' }> => {
  const peer = result.peers.find((p) => p.id === id);
  if (!peer) throw new Error(id);
  return { kind: 'workload', peer };
};
const ip = (text: string): PairSide => {
  const parsed = parseIp(text);
  if (!parsed) throw new Error(text);
  return { kind: 'ip', range: { family: parsed.family, lo: parsed.value, hi: parsed.value } };
};

describe('explainPair', () => {
  it('names the rule and peer that let an external address in', () => {
    const result = analyzeReachability(OBJECTS, []);
    const e = explainPair(result, ip('203.0.113.9'), side(result, 'shop/web'));
    expect(describePorts(e.allowed)).toBe('TCP 443');
    expect(e.egress.reason).toBe('an external address: no NetworkPolicy applies to it');
    expect(e.ingress.isolated).toBe(true);
    expect(e.ingress.policies.map((p) => [p.policy, describePorts(p.allowed)])).toEqual([
      ['shop/deny-all', 'No Connections'],
      ['shop/web-in', 'TCP 443'],
    ]);
    expect(e.ingress.policies[1]?.rules.map((r) => r.matchedBy)).toEqual([
      'ipBlock 0.0.0.0/0 except 10.0.0.0/8',
      undefined,
    ]);
    expect(describePorts(explainPair(result, ip('10.1.1.1'), side(result, 'shop/web')).allowed)).toBe(
      'No Connections',
    );
  });

  it('explains a hostNetwork pod as the node in the default mode, and as a pod in compat mode', () => {
    const node = analyzeReachability(OBJECTS, []);
    const e = explainPair(node, side(node, 'shop/agent'), side(node, 'shop/web'));
    expect(e.egress.isolated).toBe(false);
    expect(e.egress.reason).toContain('hostNetwork pod, treated as the node');
    expect(e.ingress.policies[1]?.rules[1]?.matchedBy).toBeUndefined();
    expect(describePorts(e.allowed)).toBe('No Connections');
    const pod = analyzeReachability(OBJECTS, [], { compat: 'netpol-analyzer' });
    const f = explainPair(pod, side(pod, 'shop/agent'), side(pod, 'shop/web'));
    expect(f.egress.isolated).toBe(true);
    expect(f.ingress.policies[1]?.rules[1]).toMatchObject({ matchedBy: 'pods app=agent in namespace shop' });
    expect(describePorts(f.ingress.allowed)).toBe('TCP 8080');
    expect(describePorts(f.allowed)).toBe('No Connections');
  });

  it('says when nothing enforces policies', () => {
    const result = analyzeReachability(OBJECTS, [], { enforcement: 'not-enforced' });
    const e = explainPair(result, side(result, 'shop/web'), side(result, 'shop/agent'));
    expect(e.allowed).toEqual(
      result.peerConnection(side(result, 'shop/web').peer, side(result, 'shop/agent').peer),
    );
    expect(describePorts(e.allowed)).toBe('All Connections');
    expect(e.ingress.reason).toBe('NetworkPolicies are not enforced: set by option');
  });
});
