import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { describePorts, hasPort } from '../../../src/analysis/netpol/port-set.js';
import { runAudit } from '../../../src/engine/run-audit.js';
import { planNetworkPolicies } from '../../../src/fix/netpol/index.js';
import type { NetworkFixResult, RenderedPolicy } from '../../../src/fix/netpol/index.js';
import { loadFlowLogText, loadFlowLogs } from '../../../src/load/flows/index.js';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { deploymentYaml } from '../../helpers/deployment-yaml.js';
import type { ClusterModel, KubeObject } from '../../../src/model/index.js';
import { extractWorkloads } from '../../../src/model/index.js';
import { forEachClosedConnection, simulate } from '../../../src/fix/netpol/simulate.js';
import type { ClosedEnd } from '../../../src/fix/netpol/simulate.js';
import { rules as networkRules } from '../../../src/rules/network/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FLOWS = 'examples/evidence/unhardened/hubble-flows.jsonl';
const scratch = mkdtempSync(path.join(tmpdir(), 'aksward-fixnet-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

async function load(paths: readonly string[], cwd = ROOT): Promise<ClusterModel> {
  const { model, diagnostics } = await loadInputs(paths, { cwd, kubectl: false });
  expect(diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  return model;
}

async function planFor(
  example: string,
  flows?: string,
): Promise<{ model: ClusterModel; result: NetworkFixResult }> {
  const model = await load([`examples/${example}`]);
  const traffic = flows ? (await loadFlowLogs([flows], { cwd: ROOT, model })).traffic : undefined;
  return { model, result: planNetworkPolicies(model, traffic ? { traffic } : {}) };
}

const policiesOf = (result: NetworkFixResult): RenderedPolicy[] =>
  result.namespaces.flatMap((n) => n.steps.flatMap((s) => s.policies));

/** Writes the generated files under a fresh folder, as the fix command would, and returns it. */
function writeOut(result: NetworkFixResult, name: string): string {
  const dir = path.join(scratch, name);
  for (const policy of policiesOf(result)) {
    mkdirSync(path.dirname(path.join(dir, policy.file)), { recursive: true });
    writeFileSync(path.join(dir, policy.file), policy.yaml);
  }
  return dir;
}

function snapshotText(result: NetworkFixResult): string {
  return policiesOf(result)
    .map((p) => `# ==> ${p.file}\n${p.yaml}`)
    .join('---\n');
}

/** `from -> to: ports` for the rules of a policy, read back from its YAML. */
function rulesOf(policy: RenderedPolicy): string[] {
  const object = parse(policy.yaml) as {
    spec: Record<string, { from?: unknown[]; to?: unknown[]; ports?: unknown[] }[]>;
  };
  const rules = object.spec['ingress'] ?? object.spec['egress'] ?? [];
  return rules.map((r) => `${JSON.stringify(r.from ?? r.to)} ${JSON.stringify(r.ports ?? 'all')}`);
}

const NETWORK_POLICY_RULES = new Set([
  'require-default-deny',
  'require-dns-egress',
  'no-unselected-workloads',
  'no-cross-namespace-reach',
  'no-empty-policy-selector-match',
]);

describe('planNetworkPolicies on the unhardened example, manifests only', async () => {
  const { result } = await planFor('unhardened');

  it('writes one policy per workload and direction, then the default-deny, for shop only', async () => {
    await expect(snapshotText(result)).toMatchFileSnapshot('__snapshots__/unhardened-manifests.yaml');
    expect(result.namespaces.map((n) => n.namespace)).toEqual(['shop']);
    const [shop] = result.namespaces;
    expect(shop?.steps.map((s) => s.id)).toEqual(['network-allow:shop', 'network-default-deny:shop']);
    expect(shop?.steps[1]?.dependsOn).toEqual(['network-allow:shop']);
    expect(shop?.steps[0]?.policies.map((p) => p.file)).toEqual([
      'network/shop/allow-api-ingress.yaml',
      'network/shop/allow-api-egress.yaml',
      'network/shop/allow-db-ingress.yaml',
      'network/shop/allow-db-egress.yaml',
      'network/shop/allow-web-ingress.yaml',
      'network/shop/allow-web-egress.yaml',
    ]);
    expect(result.skippedNamespaces.map((s) => s.namespace)).toEqual(['kube-system']);
  });

  it('writes its policies in ASCII, so a large plan is not held at two bytes a character', () => {
    // V8 stores a whole string at two bytes a character once one character is past Latin-1 (`80→8080` did that).
    const texts = policiesOf(result).map((p) => p.yaml);
    expect(texts.join('')).toContain('port 80->8080');
    expect(texts.filter((text) => /[^\x20-\x7e\n]/.test(text))).toEqual([]);
  });

  it('allows the Services from their namespace when nothing names a client, and says it is an assumption', () => {
    const api = policiesOf(result).find((p) => p.name === 'allow-api-ingress');
    expect(api && rulesOf(api)).toEqual([
      '[{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"shop"}}}] [{"protocol":"TCP","port":8080},{"protocol":"TCP","port":9090}]',
    ]);
    expect(result.graph.filter((e) => e.evidence.some((x) => x.source === 'assumption'))).toHaveLength(2);
    const web = policiesOf(result).find((p) => p.name === 'allow-web-ingress');
    expect(web && rulesOf(web)).toEqual([
      '[{"ipBlock":{"cidr":"0.0.0.0/0"}}] [{"protocol":"TCP","port":8080}]',
    ]);
  });

  it('proves every edge and DNS still allowed, and lists what the policies close', () => {
    expect(result.proof.severed).toEqual([]);
    expect(result.proof.edgesChecked).toBe(result.graph.length);
    expect(result.proof.dns.map((d) => [d.workload, d.udp, d.tcp])).toEqual([
      ['Deployment/shop/api', true, true],
      ['StatefulSet/shop/db', true, true],
      ['Deployment/shop/web', true, true],
    ]);
    expect(result.proof.enforcement).toContain('enforcement on');
    const closed = result.proof.closed.map((c) => `${c.from} -> ${c.to}: ${describePorts(c.ports)}`);
    expect(closed).toContain('shop/web -> external: All Connections');
    expect(closed).toContain('kube-system/log-agent -> shop/db: All Connections');
    expect(closed).toContain('external -> shop/web: SCTP 1-65535,TCP 1-8079,8081-65535,UDP 1-65535');
    // External egress is blocked for every shop workload: there is no evidence of it.
    expect(result.externalEgressBlocked.map((e) => e.workload)).toEqual([
      'Deployment/shop/api',
      'StatefulSet/shop/db',
      'Deployment/shop/web',
    ]);
  });
});

describe('planNetworkPolicies on the unhardened example with Hubble flows', async () => {
  const { model, result } = await planFor('unhardened', FLOWS);

  it('narrows every rule to the observed clients', async () => {
    await expect(snapshotText(result)).toMatchFileSnapshot('__snapshots__/unhardened-flows.yaml');
    const rule = (name: string) => {
      const policy = policiesOf(result).find((p) => p.name === name);
      return policy ? rulesOf(policy) : [];
    };
    const peer = (app: string) =>
      `{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"shop"}},"podSelector":{"matchLabels":{"app":"${app}"}}}`;
    expect(rule('allow-api-ingress')).toEqual([`[${peer('web')}] [{"protocol":"TCP","port":8080}]`]);
    expect(rule('allow-db-ingress')).toEqual([`[${peer('api')}] [{"protocol":"TCP","port":5432}]`]);
    expect(rule('allow-web-egress').slice(1)).toEqual([`[${peer('api')}] [{"protocol":"TCP","port":8080}]`]);
    expect(rule('allow-db-egress')).toHaveLength(1); // DNS only
    expect(result.graph.some((e) => e.evidence.some((x) => x.source === 'assumption'))).toBe(false);
    const api = policiesOf(result).find((p) => p.name === 'allow-api-ingress');
    expect(api?.yaml).toContain('aksward.io/evidence: "Service shop/api port 80->8080; flows: 6 on TCP 8080');
  });

  it('keeps every observed flow allowed, the log agent egress included, and closes the rest', () => {
    expect(result.proof.severed).toEqual([]);
    const agent = result.graph.find((e) => e.to.kind === 'cidr' && e.to.cidr === '198.51.100.23/32');
    expect(agent?.evidence.map((e) => e.text)).toEqual([
      'flows: 2 on TCP 443 (logs.contoso-observability.net)',
    ]);
    const closed = result.proof.closed.map((c) => `${c.from} -> ${c.to}: ${describePorts(c.ports)}`);
    expect(closed).toContain('shop/web -> shop/db: All Connections');
    expect(closed).toContain('shop/api -> shop/db: SCTP 1-65535,TCP 1-5431,5433-65535,UDP 1-65535');
    expect(result.droppedObservations).toHaveLength(1);
    expect(result.evidence.flowRecords).toBe(36);
  });

  it('gives attacker-side probes: allowed flows connect, closed ones time out', () => {
    const [allow, deny] = result.namespaces[0]?.steps ?? [];
    expect(allow?.verify).toContainEqual(
      expect.objectContaining({
        command: 'kubectl -n shop exec deploy/web -- nc -zvw3 api.shop.svc.cluster.local 80',
        expect: 'connects',
      }),
    );
    expect(allow?.verify).toContainEqual(
      expect.objectContaining({
        command: 'kubectl -n shop exec deploy/api -- nslookup kubernetes.default.svc.cluster.local',
        expect: 'resolves',
      }),
    );
    expect(deny?.verify).toContainEqual(
      expect.objectContaining({
        command:
          'kubectl -n default run aksward-probe --rm -i --restart=Never --image=busybox:1.36 -- nc -zvw3 db.shop.svc.cluster.local 5432',
        expect: 'times-out',
      }),
    );
    expect(deny?.closes.map((c) => c.ruleId)).toEqual([
      'require-default-deny',
      'no-unselected-workloads',
      'no-cross-namespace-reach',
    ]);
  });

  it('loads back through the loader and scans clean for the network policy rules', async () => {
    const dir = writeOut(result, 'unhardened-flows');
    const hardened = await load(
      [path.join(ROOT, 'examples/unhardened/manifests'), path.join(dir, 'network')],
      ROOT,
    );
    expect(hardened.objects.filter((o) => o.kind === 'NetworkPolicy')).toHaveLength(
      policiesOf(result).length,
    );
    // The plan enables the engine first: scan the Kubernetes plane as enforced (no cluster definition).
    const audit = runAudit(
      { ...hardened, clusters: [] },
      { rules: networkRules.filter((r) => NETWORK_POLICY_RULES.has(r.id)), today: '2026-11-23' },
    );
    expect(audit.findings.map((f) => `${f.ruleId} ${f.subject.display}`)).toEqual([]);
    const before = runAudit(
      { ...model, clusters: [] },
      { rules: networkRules.filter((r) => NETWORK_POLICY_RULES.has(r.id)), today: '2026-11-23' },
    );
    // Before, the same rules fail (shop is the only application namespace: no cross-namespace tenant).
    expect(new Set(before.findings.map((f) => f.ruleId))).toEqual(
      new Set(['require-default-deny', 'no-unselected-workloads']),
    );
    // Idempotent: planning again on the hardened inputs has nothing left to do.
    expect(
      planNetworkPolicies({ ...hardened, clusters: model.clusters }).namespaces.flatMap((n) => n.steps),
    ).toEqual([]);
  });

  it('compares only the connections of the namespaces that get policies: the others cannot change', async () => {
    const dir = writeOut(result, 'unhardened-closed');
    const hardened = await load(
      [path.join(ROOT, 'examples/unhardened/manifests'), path.join(dir, 'network')],
      ROOT,
    );
    const generated = (o: KubeObject) =>
      o.kind === 'NetworkPolicy' &&
      (o.body.metadata as { labels?: Record<string, string> } | undefined)?.labels?.[
        'app.kubernetes.io/managed-by'
      ] === 'aksward';
    const before = simulate(
      hardened.objects.filter((o) => !generated(o)),
      [],
      [],
    );
    const after = simulate(hardened.objects, [], []);
    const workloads = extractWorkloads(hardened.objects);
    const every = new Set(workloads.map((w) => w.namespace));
    const changed = new Set(hardened.objects.filter(generated).map((o) => o.namespace ?? 'default'));
    // kube-system holds the log agent and gets no policy: its pairs are skipped, not compared.
    expect([...changed]).toEqual(['shop']);
    expect(every.has('kube-system')).toBe(true);
    const closedIn = (namespaces: ReadonlySet<string>): string[] => {
      const out: string[] = [];
      const idOf = (end: ClosedEnd): string => (end === 'external' ? end : end.id);
      forEachClosedConnection(before, after, workloads, namespaces, (from, to, ports) =>
        out.push(`${idOf(from)} -> ${idOf(to)}: ${describePorts(ports)}`),
      );
      return out;
    };
    const closed = closedIn(changed);
    expect(closed.length).toBeGreaterThan(0);
    expect(closed).toEqual(closedIn(every));
  });
});

describe('planNetworkPolicies never emits a deny that severs evidence', () => {
  it('withholds the default-deny of a namespace whose observed flow no policy can express', async () => {
    const dir = path.join(scratch, 'hostnet');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'apps.yaml'),
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: metrics, namespace: tools }
spec:
  selector: { matchLabels: { app: metrics } }
  template:
    metadata: { labels: { app: metrics } }
    spec:
      containers: [{ name: m, image: m:1, ports: [{ name: http, containerPort: 9000 }] }]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: scraper, namespace: ops }
spec:
  selector: { matchLabels: { app: scraper } }
  template:
    metadata: { labels: { app: scraper } }
    spec:
      hostNetwork: true
      containers: [{ name: s, image: s:1 }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: worker, namespace: ops }
spec:
  selector: { matchLabels: { app: worker } }
  template:
    metadata: { labels: { app: worker } }
    spec:
      containers: [{ name: w, image: w:1 }]
`,
    );
    const model = await load(['apps.yaml'], dir);
    // The node-network scraper polls metrics: a pod selector cannot name a hostNetwork pod.
    const flow = {
      flow: {
        verdict: 'FORWARDED',
        IP: { source: '10.224.0.4', destination: '10.244.1.9' },
        l4: { TCP: { source_port: 51000, destination_port: 9000 } },
        source: {
          namespace: 'ops',
          pod_name: 'scraper-x2v9q',
          labels: ['k8s:app=scraper'],
          workloads: [{ name: 'scraper', kind: 'DaemonSet' }],
        },
        destination: { namespace: 'tools', pod_name: 'metrics-6d8f9c7b5-k2j4h', labels: ['k8s:app=metrics'] },
        Type: 'L3_L4',
      },
    };
    const { traffic } = flowsOf([JSON.stringify(flow)], model);
    const result = planNetworkPolicies(model, { traffic });
    const tools = result.namespaces.find((n) => n.namespace === 'tools');
    expect(tools?.steps.map((s) => s.kind)).toEqual(['allow']);
    expect(tools?.steps[0]?.policies.map((p) => p.name)).toEqual(['allow-metrics-egress']);
    expect(tools?.defaultDenyWithheld?.severed).toEqual([
      expect.objectContaining({ from: 'ops/scraper', to: 'tools/metrics', side: 'ingress' }),
    ]);
    expect(result.proof.severed).toEqual([]);
    // The other namespace is unaffected: its default-deny is still emitted.
    expect(result.namespaces.find((n) => n.namespace === 'ops')?.steps.map((s) => s.kind)).toEqual([
      'allow',
      'default-deny',
    ]);
  });
});

describe('planNetworkPolicies on the multi-tenant example', async () => {
  const { result } = await planFor('multi-tenant');

  it('keeps what existing policies allow and only fills the gaps', () => {
    expect(result.proof.severed).toEqual([]);
    expect(policiesOf(result).map((p) => p.file)).toEqual([
      'network/default/allow-debug-shell-egress.yaml',
      'network/default/default-deny.yaml',
      'network/ingress/allow-ingress-nginx-controller-egress.yaml',
    ]);
    // The controller's own egress policy allows 8080 only, but Grafana serves 3000 behind its Ingress.
    const controller = policiesOf(result)[2];
    expect(controller?.yaml).toContain('port: 3000');
    expect(
      result.namespaces.find((n) => n.namespace === 'team-payments')?.defaultDenyWithheld?.reason,
    ).toContain('already');
  });
});

describe('planNetworkPolicies past the connections a plan can keep', () => {
  /** `clients` workloads in namespace `a`; in `b`, a database whose policy admits every pod of every namespace. */
  async function admittedByAll(clients: number): Promise<ClusterModel> {
    const dir = path.join(scratch, `admitted-${clients}`);
    mkdirSync(dir, { recursive: true });
    const deployment = (namespace: string, name: string) =>
      deploymentYaml(namespace, name, '{ name: c, image: c:1, ports: [{ containerPort: 5432 }] }');
    const documents = [
      ...Array.from({ length: clients }, (_, i) => deployment('a', `client-${i}`)),
      deployment('b', 'db'),
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: db-from-all, namespace: b }
spec:
  podSelector: { matchLabels: { app: db } }
  policyTypes: [Ingress]
  ingress:
    - from: [{ namespaceSelector: {} }]
      ports: [{ port: 5432 }]
`,
    ];
    writeFileSync(path.join(dir, 'apps.yaml'), documents.join('---\n'));
    return load(['apps.yaml'], dir);
  }

  it('plans every namespace up to the limit, and none past it, saying why', async () => {
    const model = await admittedByAll(3);
    // The three clients reach the database through its policy: three connections.
    const planned = planNetworkPolicies(model, { maxPolicyConnections: 3 });
    expect(planned.notPlanned).toBeUndefined();
    expect(planned.namespaces.map((n) => n.namespace)).toEqual(['a', 'b']);
    expect(policiesOf(planned).map((p) => p.name)).toContain('allow-client-0-egress');
    const edges = planned.graph.filter((e) => e.evidence.some((x) => x.source === 'policy'));
    expect(edges).toHaveLength(3);

    const withheld = planNetworkPolicies(model, { maxPolicyConnections: 2 });
    expect(withheld.namespaces).toEqual([]);
    expect(withheld.graph.filter((e) => e.evidence.some((x) => x.source === 'policy'))).toEqual([]);
    expect(withheld.notPlanned?.namespaces).toEqual(['a', 'b']);
    expect(withheld.notPlanned?.reason).toContain('allow more than 2 connections between workloads');
    expect(withheld.skippedNamespaces).toEqual(
      expect.arrayContaining([
        { namespace: 'a', reason: withheld.notPlanned?.reason },
        { namespace: 'b', reason: withheld.notPlanned?.reason },
      ]),
    );
    // Nothing written, so nothing severed or closed.
    expect(withheld.proof.severed).toEqual([]);
    expect(withheld.proof.closed).toEqual([]);
  });
});

describe('planNetworkPolicies on a flat namespace', () => {
  it('counts every connection the default-deny closes, lists the first 10,000, and probes three of them', async () => {
    // 110 workloads and no policy: the default-deny closes each of the 11,990 pairs, and the traffic out.
    const dir = path.join(scratch, 'flat-110');
    mkdirSync(dir, { recursive: true });
    const documents = Array.from({ length: 110 }, (_, i) =>
      deploymentYaml('flat', `w${i}`, '{ name: c, image: c:1, ports: [{ containerPort: 8080 }] }'),
    );
    writeFileSync(path.join(dir, 'apps.yaml'), documents.join('---\n'));
    const model = await load(['apps.yaml'], dir);
    const result = planNetworkPolicies(model);
    expect(result.proof.closedCount).toBeGreaterThan(110 * 109);
    expect(result.proof.closed).toHaveLength(10_000);
    const deny = result.namespaces[0]?.steps.find((s) => s.kind === 'default-deny');
    expect(deny?.connectionsClosed).toBe(result.proof.closedCount);
    // Three probes of closed connections on the port each destination serves, then the cross-namespace one.
    const probes = deny?.verify.filter((v) => v.expect === 'times-out') ?? [];
    expect(probes.slice(0, 3).map((v) => v.command)).toEqual(
      [1, 2, 3].map(
        (i) =>
          `kubectl -n flat exec deploy/w0 -- nc -zvw3 $(kubectl -n flat get pod -l app=w${i} -o jsonpath='{.items[0].status.podIP}') 8080`,
      ),
    );
  });

  it('ranks each closed connection by the ports it closes, not by the first one met at its destination', async () => {
    // api is declared to reach db on 5432: after the policies, api → db closes every port but the one db
    // serves. Each client's connection to db closes 5432 too: those are the probes, whatever came first.
    const dir = path.join(scratch, 'flat-ranked');
    mkdirSync(dir, { recursive: true });
    const env = "env: [{ name: DB_HOST, value: 'db.flat.svc.cluster.local' }]";
    const documents = [
      deploymentYaml('flat', 'api', `{ name: c, image: c:1, ${env} }`),
      deploymentYaml('flat', 'db', '{ name: c, image: c:1, ports: [{ containerPort: 5432 }] }'),
      ...['a', 'b', 'c'].map((name) => deploymentYaml('flat', name, '{ name: c, image: c:1 }')),
      `apiVersion: v1
kind: Service
metadata: { name: db, namespace: flat }
spec:
  selector: { app: db }
  ports: [{ port: 5432 }]
`,
    ];
    writeFileSync(path.join(dir, 'apps.yaml'), documents.join('---\n'));
    const result = planNetworkPolicies(await load(['apps.yaml'], dir));
    const closedToDb = result.proof.closed.filter((c) => c.to === 'flat/db');
    expect(closedToDb.map((c) => [c.from, hasPort(c.ports, 'TCP', 5432)])).toEqual([
      ['flat/api', false],
      ['external', true],
      ['flat/a', true],
      ['flat/b', true],
      ['flat/c', true],
    ]);
    const deny = result.namespaces[0]?.steps.find((s) => s.kind === 'default-deny');
    const probes = deny?.verify.filter((v) => v.expect === 'times-out') ?? [];
    expect(probes.slice(0, 3).map((v) => v.command)).toEqual(
      ['a', 'b', 'c'].map(
        (name) => `kubectl -n flat exec deploy/${name} -- nc -zvw3 db.flat.svc.cluster.local 5432`,
      ),
    );
  });
});

function flowsOf(lines: readonly string[], model: ClusterModel) {
  return loadFlowLogText([{ file: 'flows.jsonl', text: lines.join('\n') }], model);
}
