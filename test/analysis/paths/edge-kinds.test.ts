/**
 * @module One fixture per variant of the exposure, network, node and identity edges (test/fixtures/paths/),
 * each with the exact shortest paths from its landing node, and a negative twin where the precondition is
 * absent and the path disappears. The RBAC edges are in edge-kinds-rbac.test.ts.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exposedWorkloads, outEdges } from '../../../src/analysis/paths/index.js';
import type { EdgeKind } from '../../../src/analysis/paths/index.js';
import {
  INTERNET,
  KUBELET_IDENTITY,
  NODE,
  NO_CONTROL,
  workloadId,
} from '../../../src/analysis/paths/index.js';
import type { ExpectedPath } from '../../helpers/attack-paths.js';
import {
  PATH_FIXTURES,
  edgesOfKind,
  expectPaths,
  loadPathFixture,
  pathTo,
  step,
} from '../../helpers/attack-paths.js';

const WEB = workloadId('shop', 'web');
const API = workloadId('pay', 'api');
const TRAINER = workloadId('ml', 'trainer');
const TOLERANT = workloadId('batch', 'tolerant');
/** The workload identities of the fixtures' ServiceAccounts, by fixture family. */
const IDENTITIES = {
  a: 'azure:0000aaaa-0000-0000-0000-000000000001',
  b: 'azure:0000bbbb-0000-0000-0000-000000000002',
  c: 'azure:0000cccc-0000-0000-0000-000000000003',
  d: 'azure:0000dddd-0000-0000-0000-000000000004',
} as const;
const azure = (family: keyof typeof IDENTITIES): string => IDENTITIES[family];
// The node → kubelet identity step: IMDS answers the node, and no catalog control blocks it (issue 13).
const IMDS =
  'the kubelet identity token is readable from the node (IMDS, 169.254.169.254, answers any process on the node';

interface Case {
  readonly fixture: string;
  readonly start: string;
  readonly paths: readonly ExpectedPath[];
  /** Negative fixtures: no edge of this kind anywhere in the graph (network: out of the start). */
  readonly absent?: EdgeKind;
}

/** The exposed workload's prize: its own workload identity (so the internet's path has a target). */
const exposedTo = (control: string, evidence: string): ExpectedPath[] => [
  pathTo(
    azure('a'),
    'azure-identity',
    step('exposed', INTERNET, WEB, control, evidence),
    step('azure-identity', WEB, azure('a'), 'no-overprivileged-workload', 'uses workload identity 0000aaaa'),
  ),
];
const PUBLIC_NODES = 'on nodes with public IPs (aks-paths/system)';

const EXPOSED: readonly Case[] = [
  {
    fixture: 'exposed-load-balancer',
    start: INTERNET,
    paths: exposedTo(
      'no-public-load-balancer',
      'Service/shop/web is type LoadBalancer without service.beta.kubernetes.io/azure-load-balancer-internal: "true" (public IP)',
    ),
  },
  { fixture: 'exposed-load-balancer-internal', start: INTERNET, paths: [], absent: 'exposed' },
  {
    fixture: 'exposed-load-balancer-internal-public-nodes',
    start: INTERNET,
    paths: exposedTo('no-node-public-ip', `Service/shop/web opens a NodePort ${PUBLIC_NODES}`),
  },
  {
    fixture: 'exposed-ingress',
    start: INTERNET,
    paths: exposedTo('require-ingress-tls', 'Ingress/shop/web routes to Service/shop/web'),
  },
  { fixture: 'exposed-ingress-other-namespace', start: INTERNET, paths: [], absent: 'exposed' },
  {
    fixture: 'exposed-node-port',
    start: INTERNET,
    paths: exposedTo('no-node-public-ip', `Service/shop/web opens a NodePort ${PUBLIC_NODES}`),
  },
  { fixture: 'exposed-node-port-private-nodes', start: INTERNET, paths: [], absent: 'exposed' },
  {
    fixture: 'exposed-host-network',
    start: INTERNET,
    paths: exposedTo('no-node-public-ip', `Deployment/shop/web uses hostNetwork ${PUBLIC_NODES}`),
  },
  { fixture: 'exposed-host-network-private-nodes', start: INTERNET, paths: [], absent: 'exposed' },
];

const flatToApi = [
  pathTo(
    API,
    'other-namespace',
    step(
      'network',
      WEB,
      API,
      'no-cross-namespace-reach',
      'shop/web can connect to pay/api on every port: no NetworkPolicy restricts it',
      true,
    ),
  ),
  pathTo(
    azure('b'),
    'azure-identity',
    step('network', WEB, API, 'no-cross-namespace-reach', 'on every port', true),
    step(
      'azure-identity',
      API,
      azure('b'),
      'no-overprivileged-workload',
      'Deployment/pay/api uses workload identity 0000bbbb',
    ),
  ),
];

const NETWORK: readonly Case[] = [
  { fixture: 'network-flat', start: WEB, paths: flatToApi },
  {
    fixture: 'network-allowed-port',
    start: WEB,
    paths: [
      pathTo(
        API,
        'other-namespace',
        step(
          'network',
          WEB,
          API,
          'no-cross-namespace-reach',
          'shop/web can connect to pay/api on TCP 8080, as NetworkPolicy allows',
          false,
        ),
      ),
      pathTo(
        azure('b'),
        'azure-identity',
        step('network', WEB, API, 'no-cross-namespace-reach', 'on TCP 8080', false),
        step(
          'azure-identity',
          API,
          azure('b'),
          'no-overprivileged-workload',
          'uses workload identity 0000bbbb',
        ),
      ),
    ],
  },
  { fixture: 'network-default-deny', start: WEB, paths: [], absent: 'network' },
  // The same default deny under a cluster whose networkPolicy is none: nothing enforces it.
  { fixture: 'network-policy-not-enforced', start: WEB, paths: flatToApi },
  {
    fixture: 'network-same-namespace',
    start: WEB,
    paths: [
      pathTo(
        azure('c'),
        'azure-identity',
        step(
          'network',
          WEB,
          workloadId('shop', 'worker'),
          'require-default-deny',
          'shop/web can connect to shop/worker on every port',
          true,
        ),
        step(
          'azure-identity',
          workloadId('shop', 'worker'),
          azure('c'),
          'no-overprivileged-workload',
          'uses workload identity 0000cccc',
        ),
      ),
    ],
  },
];

/** Breakout to the one generic node (no cluster definition), then its kubelet identity. */
const toNode = (control: string, evidence: string): ExpectedPath[] => [
  pathTo(NODE, 'node', step('breakout', WEB, NODE, control, evidence)),
  pathTo(
    KUBELET_IDENTITY,
    'azure-identity',
    step('breakout', WEB, NODE, control, evidence),
    step('kubelet-identity', NODE, KUBELET_IDENTITY, NO_CONTROL, IMDS),
  ),
];

const BREAKOUT: readonly Case[] = [
  {
    fixture: 'breakout-privileged',
    start: WEB,
    paths: toNode('no-privileged', 'Deployment/shop/web container web is privileged'),
  },
  {
    fixture: 'breakout-host-pid',
    start: WEB,
    paths: toNode('no-host-namespaces', 'Deployment/shop/web sets hostPID: true'),
  },
  {
    fixture: 'breakout-host-path-root',
    start: WEB,
    // The node's root holds /etc/kubernetes/azure.json too: the kubelet identity is one step away.
    paths: [
      pathTo(
        NODE,
        'node',
        step('breakout', WEB, NODE, 'no-host-path', 'Deployment/shop/web mounts hostPath /'),
      ),
      pathTo(
        KUBELET_IDENTITY,
        'azure-identity',
        step(
          'credential-mount',
          WEB,
          KUBELET_IDENTITY,
          'no-azure-credential-mounts',
          'mounts the node path / (volume host): /etc/kubernetes/azure.json',
        ),
      ),
    ],
  },
  {
    fixture: 'breakout-runtime-socket',
    start: WEB,
    paths: toNode('no-host-path', 'Deployment/shop/web mounts hostPath /run/containerd/containerd.sock'),
  },
  {
    fixture: 'breakout-sys-admin',
    start: WEB,
    paths: toNode('no-added-capabilities', 'Deployment/shop/web container web adds SYS_ADMIN'),
  },
  { fixture: 'breakout-absent', start: WEB, paths: [], absent: 'breakout' },
];

const onPool = (pool: string): string =>
  `(on pool ${pool}: its nodeSelector, node affinity and tolerations allow pool ${pool})`;
const privilegedOn = (pool: string) =>
  step('breakout', WEB, `node:${pool}`, 'no-privileged', `container web is privileged ${onPool(pool)}`);

const NODES: readonly Case[] = [
  {
    fixture: 'node-hosts-pinned',
    start: TRAINER,
    paths: [
      pathTo(
        'node:gpu',
        'node',
        step(
          'breakout',
          TRAINER,
          'node:gpu',
          'no-privileged',
          `container trainer is privileged ${onPool('gpu')}`,
        ),
      ),
      pathTo(
        TOLERANT,
        'other-namespace',
        step('breakout', TRAINER, 'node:gpu', 'no-privileged', 'privileged'),
        step(
          'node-hosts',
          'node:gpu',
          TOLERANT,
          'require-tenant-node-isolation',
          "nodes of pool gpu run Deployment/batch/tolerant's pods",
        ),
      ),
      pathTo(
        KUBELET_IDENTITY,
        'azure-identity',
        step('breakout', TRAINER, 'node:gpu', 'no-privileged', 'privileged'),
        step('kubelet-identity', 'node:gpu', KUBELET_IDENTITY, NO_CONTROL, IMDS),
      ),
    ],
  },
  {
    fixture: 'node-hosts-unpinned',
    start: WEB,
    paths: [
      pathTo('node:system', 'node', privilegedOn('system')),
      pathTo('node:user', 'node', privilegedOn('user')),
      pathTo(
        KUBELET_IDENTITY,
        'azure-identity',
        privilegedOn('system'),
        step('kubelet-identity', 'node:system', KUBELET_IDENTITY, NO_CONTROL, IMDS),
      ),
    ],
  },
  {
    fixture: 'node-hosts-affinity',
    start: WEB,
    paths: [
      pathTo('node:user', 'node', privilegedOn('user')),
      pathTo(
        KUBELET_IDENTITY,
        'azure-identity',
        privilegedOn('user'),
        step('kubelet-identity', 'node:user', KUBELET_IDENTITY, NO_CONTROL, IMDS),
      ),
    ],
  },
  { fixture: 'node-hosts-untolerated', start: WEB, paths: [], absent: 'node-hosts' },
  {
    fixture: 'kubelet-identity',
    start: WEB,
    // One pool: the evidence names no pool, the node is still the pool's.
    paths: [
      pathTo(
        'node:system',
        'node',
        step(
          'breakout',
          WEB,
          'node:system',
          'no-privileged',
          'Deployment/shop/web container web is privileged',
        ),
      ),
      pathTo(
        KUBELET_IDENTITY,
        'azure-identity',
        step('breakout', WEB, 'node:system', 'no-privileged', 'privileged'),
        step('kubelet-identity', 'node:system', KUBELET_IDENTITY, NO_CONTROL, IMDS),
      ),
    ],
  },
];

const tokenOf = (basis: string) =>
  step(
    'token-mounted',
    WEB,
    'token:shop/default',
    'no-automount-token',
    `the token of ServiceAccount shop/default is mounted (${basis}`,
  );
const PUBLIC_API =
  'managedClusters/aks-paths: the API server is public (enablePrivateCluster false) with no authorized IP ranges';
const kubeletFile =
  'mounts the node path /etc/kubernetes/kubelet.conf (volume kubelet): /etc/kubernetes/kubelet.conf (the kubelet kubeconfig)';

const IDENTITY: readonly Case[] = [
  {
    fixture: 'api-from-internet',
    start: WEB,
    paths: [
      pathTo(
        'api-server',
        'api-server',
        tokenOf('pod spec automountServiceAccountToken'),
        step('api-from-internet', 'token:shop/default', 'api-server', 'require-private-cluster', PUBLIC_API),
      ),
    ],
  },
  { fixture: 'api-from-internet-private', start: WEB, paths: [], absent: 'api-from-internet' },
  { fixture: 'api-from-internet-authorized-ranges', start: WEB, paths: [], absent: 'api-from-internet' },
  {
    fixture: 'azure-identity',
    start: WEB,
    paths: [
      pathTo(
        azure('d'),
        'azure-identity',
        step(
          'azure-identity',
          WEB,
          azure('d'),
          'no-overprivileged-workload',
          'Deployment/shop/web uses workload identity 0000dddd-0000-0000-0000-000000000004 (ServiceAccount shop/web)',
        ),
      ),
    ],
  },
  { fixture: 'azure-identity-no-label', start: WEB, paths: [], absent: 'azure-identity' },
  { fixture: 'azure-identity-label-false', start: WEB, paths: [], absent: 'azure-identity' },
  { fixture: 'azure-identity-no-client-id', start: WEB, paths: [], absent: 'azure-identity' },
  {
    fixture: 'credential-mount-azure-json',
    start: WEB,
    paths: [
      pathTo(
        KUBELET_IDENTITY,
        'azure-identity',
        step(
          'credential-mount',
          WEB,
          KUBELET_IDENTITY,
          'no-azure-credential-mounts',
          'mounts the node path /etc/kubernetes/azure.json (volume azure): /etc/kubernetes/azure.json (the cluster identity’s credentials)',
        ),
      ),
    ],
  },
  {
    fixture: 'credential-mount-kubelet',
    start: WEB,
    paths: [
      pathTo(NODE, 'node', step('credential-mount', WEB, NODE, 'no-azure-credential-mounts', kubeletFile)),
      pathTo(
        KUBELET_IDENTITY,
        'azure-identity',
        step('credential-mount', WEB, NODE, 'no-azure-credential-mounts', kubeletFile),
        step('kubelet-identity', NODE, KUBELET_IDENTITY, NO_CONTROL, IMDS),
      ),
    ],
  },
  {
    fixture: 'credential-mount-kubelet-pools',
    start: WEB,
    // The pod may land on system only (gpu is tainted): the kubelet credentials are system's.
    paths: [
      pathTo(
        'node:system',
        'node',
        step('credential-mount', WEB, 'node:system', 'no-azure-credential-mounts', kubeletFile),
      ),
      pathTo(
        KUBELET_IDENTITY,
        'azure-identity',
        step('credential-mount', WEB, 'node:system', 'no-azure-credential-mounts', kubeletFile),
        step('kubelet-identity', 'node:system', KUBELET_IDENTITY, NO_CONTROL, IMDS),
      ),
    ],
  },
  {
    fixture: 'credential-mount-etc-kubernetes',
    start: WEB,
    paths: [
      pathTo(
        NODE,
        'node',
        step(
          'credential-mount',
          WEB,
          NODE,
          'no-azure-credential-mounts',
          '/etc/kubernetes/ (volume etc-kubernetes): /etc/kubernetes/certs (node client certificates and keys)',
        ),
      ),
      pathTo(
        KUBELET_IDENTITY,
        'azure-identity',
        step(
          'credential-mount',
          WEB,
          KUBELET_IDENTITY,
          'no-azure-credential-mounts',
          '/etc/kubernetes/ (volume etc-kubernetes): /etc/kubernetes/azure.json',
        ),
      ),
    ],
  },
  { fixture: 'credential-mount-absent', start: WEB, paths: [], absent: 'credential-mount' },
];

describe.each([
  ['exposed', EXPOSED],
  ['network', NETWORK],
  ['breakout', BREAKOUT],
  ['node pools', NODES],
  ['identities and credentials', IDENTITY],
] as const)('attack paths through %s edges', (_, cases) => {
  it.each(cases)('$fixture', async ({ fixture, start, paths, absent }) => {
    const { graph } = await loadPathFixture(fixture);
    expectPaths(graph, start, paths);
    if (absent === 'network') expect(outEdges(graph, start).filter((e) => e.kind === 'network')).toEqual([]);
    else if (absent) expect(edgesOfKind(graph, absent)).toEqual([]);
    if (absent === 'exposed') expect(exposedWorkloads(graph)).toEqual([]);
  });
});

describe('node pool placement', () => {
  it('a workload pinned to a tainted pool breaks out to that pool only, and the pool hosts only what may land there', async () => {
    const { graph } = await loadPathFixture('node-hosts-pinned');
    expect(
      outEdges(graph, TRAINER)
        .filter((e) => e.kind === 'breakout')
        .map((e) => e.to),
    ).toEqual(['node:gpu']);
    expect(edgesOfKind(graph, 'node-hosts')).toEqual([
      `node:gpu -> ${TOLERANT}`,
      `node:gpu -> ${TRAINER}`,
      `node:system -> ${TOLERANT}`,
      `node:system -> ${WEB}`,
    ]);
    expect(edgesOfKind(graph, 'kubelet-identity')).toEqual([
      `node:gpu -> ${KUBELET_IDENTITY}`,
      `node:system -> ${KUBELET_IDENTITY}`,
    ]);
  });

  it('a workload with no placement constraint lands on every untainted pool', async () => {
    const { graph } = await loadPathFixture('node-hosts-unpinned');
    expect(
      outEdges(graph, WEB)
        .filter((e) => e.kind === 'breakout')
        .map((e) => e.to),
    ).toEqual(['node:system', 'node:user']);
    expect(edgesOfKind(graph, 'node-hosts')).toEqual([`node:system -> ${WEB}`, `node:user -> ${WEB}`]);
  });

  it('a pod pinned to a pool whose taint it does not tolerate lands nowhere: no breakout, no host', async () => {
    const { graph } = await loadPathFixture('node-hosts-untolerated');
    expect(edgesOfKind(graph, 'breakout')).toEqual([]);
    expect(edgesOfKind(graph, 'node-hosts')).toEqual([]);
  });
});

/** Every edge kind, checked exhaustively by the type: a new kind fails to compile here until listed. */
const EVERY_KIND: Readonly<Record<EdgeKind, true>> = {
  exposed: true,
  'token-mounted': true,
  'secret-read': true,
  'pod-exec': true,
  'pod-create': true,
  escalation: true,
  'token-create': true,
  'cluster-admin': true,
  network: true,
  breakout: true,
  'node-hosts': true,
  'kubelet-identity': true,
  'api-from-internet': true,
  'azure-identity': true,
  'credential-mount': true,
};

describe('edge kind fixtures', () => {
  it('every edge kind has a fixture folder named after it', () => {
    const folders = readdirSync(PATH_FIXTURES);
    const missing = Object.keys(EVERY_KIND).filter(
      (kind) => !folders.some((f) => f === kind || f.startsWith(`${kind}-`)),
    );
    expect(missing).toEqual([]);
  });
});
