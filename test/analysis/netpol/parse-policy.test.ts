import { describe, expect, it } from 'vitest';
import { parseNetworkPolicies } from '../../../src/analysis/netpol/parse-policy.js';
import { describePorts } from '../../../src/analysis/netpol/port-set.js';
import { formatPath } from '../../../src/model/index.js';
import type { KubeObject } from '../../../src/model/index.js';

function policy(spec: unknown, name = 'p', ns: string | null = 'shop'): KubeObject {
  const namespace = ns ?? undefined;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    name,
    namespace,
    labels: {},
    annotations: {},
    body: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace },
      ...(spec === undefined ? {} : { spec }),
    },
    origin: { file: 'p.yaml', documentIndex: 0, basePath: [], at: { file: 'p.yaml', line: 1 } },
  };
}

function parseOne(spec: unknown) {
  const { policies, problems } = parseNetworkPolicies([policy(spec)]);
  return {
    policy: policies[0],
    problems: problems.map((p) => `${p.level} ${formatPath(p.path)}: ${p.message}`),
  };
}

describe('parseNetworkPolicies', () => {
  it('infers policyTypes: Ingress always, Egress only with egress rules', () => {
    expect(parseOne({ podSelector: {} }).policy).toMatchObject({
      affectsIngress: true,
      affectsEgress: false,
      policyTypesInferred: true,
    });
    expect(parseOne({ podSelector: {}, egress: [{}] }).policy).toMatchObject({
      affectsIngress: true,
      affectsEgress: true,
    });
    expect(parseOne({ podSelector: {}, egress: [] }).policy).toMatchObject({ affectsEgress: false });
    expect(parseOne({ podSelector: {}, policyTypes: [] }).policy).toMatchObject({
      policyTypesInferred: true,
    });
    expect(parseOne({ podSelector: {}, policyTypes: ['Egress'] }).policy).toMatchObject({
      affectsIngress: false,
      affectsEgress: true,
    });
  });

  it('reads a missing spec as the zero spec (deny all ingress to every pod) and a missing podSelector as {}', () => {
    const { policy: parsed } = parseOne(undefined);
    expect(parsed).toMatchObject({ affectsIngress: true, ingress: [], podSelector: { key: '{}' } });
  });

  it('tells absent or empty from/ports (everything) from a list whose entries were all unusable (nothing)', () => {
    const { policy: parsed } = parseOne({
      podSelector: {},
      ingress: [{}, { from: [], ports: [] }, { from: [{}], ports: [{ port: 'HTTP' }] }],
    });
    expect(parsed?.ingress.map((r) => [r.peers, r.ports])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
      [[], []],
    ]);
  });

  it('reads ports: default TCP, protocol alone, endPort, named', () => {
    const { policy: parsed, problems } = parseOne({
      podSelector: {},
      ingress: [
        {
          ports: [
            { port: 53 },
            { protocol: 'UDP' },
            { port: 8000, endPort: 8080, protocol: 'SCTP' },
            { port: 'http', protocol: 'UDP' },
          ],
        },
      ],
    });
    expect(problems).toEqual([]);
    const ports = parsed?.ingress[0]?.ports ?? [];
    expect(
      ports.map((p) => (p.kind === 'named' ? `named ${p.protocol} ${p.name}` : describePorts(p.ports))),
    ).toEqual(['TCP 53', 'UDP 1-65535', 'SCTP 8000-8080', 'named UDP http']);
  });

  it('reports what the API server would reject, and ignores just that part', () => {
    const { policy: parsed, problems } = parseOne({
      podSelector: {},
      policyTypes: ['Ingress', 'ingress'],
      ingress: [
        {
          from: [
            { ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.0.0/8'] } },
            { ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} },
            {},
            'pods',
          ],
          ports: [
            { port: 'http', endPort: 90 },
            { port: 80, endPort: 79 },
            { port: '80' },
            { port: 0 },
            { protocol: 'ICMP' },
          ],
        },
      ],
    });
    expect(problems).toEqual([
      'error spec.policyTypes[1]: policyType "ingress" is not Ingress or Egress',
      'error spec.ingress[0].from[0].ipBlock.except[0]: except "10.0.0.0/8" is not a CIDR strictly inside 10.0.0.0/8',
      'error spec.ingress[0].from[1]: a peer may not combine ipBlock with a selector',
      'error spec.ingress[0].from[2]: a peer must set podSelector, namespaceSelector or ipBlock',
      'error spec.ingress[0].from[3]: a peer is not a map',
      'error spec.ingress[0].ports[0].endPort: endPort cannot follow a named port',
      'error spec.ingress[0].ports[1].endPort: endPort 79 is not between port and 65535',
      'error spec.ingress[0].ports[2].port: port "80" is not a valid port name',
      'error spec.ingress[0].ports[3].port: port 0 is not 1-65535',
      'error spec.ingress[0].ports[4].protocol: protocol "ICMP" is not TCP, UDP or SCTP',
    ]);
    expect(parsed?.ingress[0]).toMatchObject({ peers: [], ports: [] });
  });

  it('drops a rule whose from/to or ports is not a list rather than reading it as "everything"', () => {
    const { policy: parsed, problems } = parseOne({
      podSelector: {},
      egress: [{ to: { podSelector: {} } }, {}],
    });
    expect(problems).toEqual(['error spec.egress[0].to: to is not a list']);
    expect(parsed?.egress.map((r) => r.index)).toEqual([1]);
  });

  it('puts a policy without namespace in default, and lets a later duplicate replace an earlier one', () => {
    const { policies, problems } = parseNetworkPolicies([
      policy({ podSelector: {} }, 'same', null),
      policy({ podSelector: {}, policyTypes: ['Egress'] }, 'same', 'default'),
    ]);
    expect(policies.map((p) => [p.id, p.affectsEgress])).toEqual([['default/same', true]]);
    expect(problems.map((p) => p.message)).toEqual([
      'NetworkPolicy default/same is defined again later in the input, which replaces this one',
    ]);
  });

  it('never throws on garbage', () => {
    for (const spec of [
      null,
      3,
      'x',
      [],
      { podSelector: 'all' },
      { ingress: 'all' },
      { ingress: [null, 1, 'x'] },
      { policyTypes: 'Ingress' },
    ]) {
      expect(() => parseOne(spec)).not.toThrow();
    }
    expect(parseOne({ podSelector: 'all' }).policy?.podSelector).toBeNull();
  });
});
