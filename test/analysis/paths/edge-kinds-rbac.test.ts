/**
 * @module One fixture per variant of the token and RBAC edges (test/fixtures/paths/): token-mounted,
 * secret-read, pod-exec, pod-create, escalation, token-create and cluster-admin, each with the exact
 * shortest paths from the landing workload and a negative twin whose missing grant removes the path.
 */
import { describe, expect, it } from 'vitest';
import type { EdgeKind } from '../../../src/analysis/paths/index.js';
import {
  CLUSTER_ADMIN,
  KUBELET_IDENTITY,
  NODE,
  NO_CONTROL,
  workloadId,
} from '../../../src/analysis/paths/index.js';
import type { ExpectedPath, ExpectedStep } from '../../helpers/attack-paths.js';
import { edgesOfKind, expectPaths, loadPathFixture, pathTo, step } from '../../helpers/attack-paths.js';

const WEB = workloadId('shop', 'web');
const DB = workloadId('data', 'db');
const IMDS =
  'the kubelet identity token is readable from the node (IMDS, 169.254.169.254, answers any process on the node';

interface Case {
  readonly fixture: string;
  readonly paths: readonly ExpectedPath[];
  /** Negative fixtures: no edge of this kind anywhere in the graph. */
  readonly absent?: EdgeKind;
}

const mounted = (account: string, basis: string): ExpectedStep =>
  step(
    'token-mounted',
    WEB,
    `token:shop/${account}`,
    'no-automount-token',
    `the token of ServiceAccount shop/${account} is mounted (${basis}`,
  );
const UNSET = 'neither the pod nor ServiceAccount';
const readsShop = step(
  'secret-read',
  'token:shop/default',
  'secrets:shop',
  'no-secret-read',
  'may read secrets in shop (get secrets) via RoleBinding/shop/default-reads-secrets',
);

const TOKEN_MOUNTED: readonly Case[] = [
  {
    fixture: 'token-mounted',
    paths: [
      pathTo(
        'secrets:shop',
        'secrets',
        mounted('default', 'the default ServiceAccount, which the cluster creates with no opt-out'),
        readsShop,
      ),
    ],
  },
  { fixture: 'token-mounted-pod-opt-out', paths: [], absent: 'token-mounted' },
  { fixture: 'token-mounted-sa-opt-out', paths: [], absent: 'token-mounted' },
  {
    fixture: 'token-mounted-pod-overrides-sa',
    paths: [
      pathTo(
        'secrets:shop',
        'secrets',
        mounted('default', 'pod spec automountServiceAccountToken'),
        readsShop,
      ),
    ],
  },
];

const SECRET_READ: readonly Case[] = [
  {
    fixture: 'secret-read',
    paths: [
      pathTo(
        'secrets:vault',
        'secrets',
        mounted('reader', UNSET),
        step(
          'secret-read',
          'token:shop/reader',
          'secrets:vault',
          'no-secret-read',
          'may read secrets in vault (list secrets) via RoleBinding/vault/reader-lists-secrets',
        ),
      ),
    ],
  },
  { fixture: 'secret-read-absent', paths: [], absent: 'secret-read' },
];

const execInto = (evidence: string): ExpectedPath[] => [
  pathTo(
    DB,
    'other-namespace',
    mounted('ops', UNSET),
    step('pod-exec', 'token:shop/ops', DB, 'no-pod-exec-or-create', evidence),
  ),
];

const POD_EXEC: readonly Case[] = [
  {
    fixture: 'pod-exec',
    paths: execInto('may exec or attach into pods in data (create pods/exec) via RoleBinding/data/ops-exec'),
  },
  { fixture: 'pod-exec-get', paths: execInto('in data (get pods/exec) via RoleBinding/data/ops-exec') },
  {
    fixture: 'pod-exec-ephemeral',
    paths: execInto('in data (patch pods/ephemeralcontainers) via RoleBinding/data/ops-debug'),
  },
  { fixture: 'pod-exec-absent', paths: [], absent: 'pod-exec' },
];

const created = (node: string, evidence: string): ExpectedStep =>
  step('pod-create', 'token:shop/builder', node, 'no-pod-exec-or-create', evidence);
const kubelet = (node: string): ExpectedStep =>
  step('kubelet-identity', node, KUBELET_IDENTITY, NO_CONTROL, IMDS);
const CREATE_PODS = 'may create pods in shop (create pods) via RoleBinding/shop/builder-creates-pods';

const POD_CREATE: readonly Case[] = [
  {
    fixture: 'pod-create',
    paths: [
      pathTo(NODE, 'node', mounted('builder', 'pod spec'), created(NODE, CREATE_PODS)),
      pathTo(
        KUBELET_IDENTITY,
        'azure-identity',
        mounted('builder', 'pod spec'),
        created(NODE, CREATE_PODS),
        kubelet(NODE),
      ),
    ],
  },
  {
    fixture: 'pod-create-deployment',
    paths: [
      pathTo(
        NODE,
        'node',
        mounted('builder', UNSET),
        created(NODE, 'may create workload controllers in shop (create deployments)'),
      ),
      pathTo(
        KUBELET_IDENTITY,
        'azure-identity',
        mounted('builder', UNSET),
        created(NODE, 'create deployments'),
        kubelet(NODE),
      ),
    ],
  },
  {
    // The author of a pod chooses its pool: one step to every pool's node.
    fixture: 'pod-create-pools',
    paths: [
      pathTo('node:system', 'node', mounted('builder', UNSET), created('node:system', CREATE_PODS)),
      pathTo('node:user', 'node', mounted('builder', UNSET), created('node:user', CREATE_PODS)),
      pathTo(
        KUBELET_IDENTITY,
        'azure-identity',
        mounted('builder', UNSET),
        created('node:system', CREATE_PODS),
        kubelet('node:system'),
      ),
    ],
  },
  { fixture: 'pod-create-absent', paths: [], absent: 'pod-create' },
];

const escalates = (evidence: string): ExpectedPath[] => [
  pathTo(
    CLUSTER_ADMIN,
    'cluster-admin',
    mounted('ci', UNSET),
    step(
      'escalation',
      'token:shop/ci',
      CLUSTER_ADMIN,
      'no-escalation-verbs',
      `may bind, escalate or impersonate cluster-wide ${evidence}`,
    ),
  ),
];

const ESCALATION: readonly Case[] = [
  { fixture: 'escalation-bind', paths: escalates('(bind clusterroles) via ClusterRoleBinding/ci-binds') },
  {
    fixture: 'escalation-escalate',
    paths: escalates('(escalate clusterroles) via ClusterRoleBinding/ci-escalates'),
  },
  {
    fixture: 'escalation-impersonate',
    paths: escalates('(impersonate users) via ClusterRoleBinding/ci-impersonates'),
  },
  { fixture: 'escalation-absent', paths: [], absent: 'escalation' },
];

/** ci mints deployer's token, which reads vault's secrets. */
const MINTED: readonly ExpectedPath[] = [
  pathTo(
    'secrets:vault',
    'secrets',
    mounted('ci', UNSET),
    step(
      'token-create',
      'token:shop/ci',
      'token:shop/deployer',
      'no-escalation-verbs',
      'may create tokens for service accounts in shop (create serviceaccounts/token) via RoleBinding/shop/ci-mints',
    ),
    step(
      'secret-read',
      'token:shop/deployer',
      'secrets:vault',
      'no-secret-read',
      'may read secrets in vault (get secrets) via RoleBinding/vault/deployer-reads',
    ),
  ),
];

const TOKEN_CREATE: readonly Case[] = [
  // deployer's token is never mounted: only minting it reaches its grant on vault.
  { fixture: 'token-create', paths: MINTED },
  // A ServiceAccount no pod runs as (a pipeline's) is minted all the same.
  { fixture: 'token-create-unused-account', paths: MINTED },
  { fixture: 'token-create-absent', paths: [], absent: 'token-create' },
];

/** A cluster-wide `*` on `*`: every right at once, each by its own first step from the token. */
function admin(binding: string): ExpectedPath[] {
  const root = (kind: EdgeKind, to: string, control: string, evidence: string): ExpectedStep =>
    step(kind, 'token:shop/root', to, control, `${evidence} via ClusterRoleBinding/${binding}`);
  const token = mounted('root', UNSET);
  const createPods = root(
    'pod-create',
    NODE,
    'no-pod-exec-or-create',
    'may create pods in shop (create pods)',
  );
  const everything = 'may every verb on every resource (`*` on `*`) cluster-wide (* *)';
  return [
    pathTo(
      'secrets:shop',
      'secrets',
      token,
      root('secret-read', 'secrets:shop', 'no-secret-read', 'may read secrets in shop (get secrets)'),
    ),
    pathTo(NODE, 'node', token, createPods),
    pathTo(
      CLUSTER_ADMIN,
      'cluster-admin',
      token,
      root('cluster-admin', CLUSTER_ADMIN, 'no-cluster-admin-binding', everything),
    ),
    pathTo(KUBELET_IDENTITY, 'azure-identity', token, createPods, kubelet(NODE)),
  ];
}

const CLUSTER_ADMIN_CASES: readonly Case[] = [
  { fixture: 'cluster-admin', paths: admin('root-is-admin') },
  { fixture: 'cluster-admin-custom', paths: admin('root-has-everything') },
  { fixture: 'cluster-admin-absent', paths: [], absent: 'cluster-admin' },
];

describe.each([
  ['token-mounted', TOKEN_MOUNTED],
  ['secret-read', SECRET_READ],
  ['pod-exec', POD_EXEC],
  ['pod-create', POD_CREATE],
  ['escalation', ESCALATION],
  ['token-create', TOKEN_CREATE],
  ['cluster-admin', CLUSTER_ADMIN_CASES],
] as const)('attack paths through %s edges', (_, cases) => {
  it.each(cases)('$fixture', async ({ fixture, paths, absent }) => {
    const { graph } = await loadPathFixture(fixture);
    expectPaths(graph, WEB, paths);
    if (absent) expect(edgesOfKind(graph, absent)).toEqual([]);
  });
});

describe('RBAC edges and their grants', () => {
  it.each([
    ['cluster-admin', 'ClusterRole/cluster-admin (Kubernetes default)'],
    ['cluster-admin-custom', 'ClusterRole/everything'],
  ])('%s names the role that grants it: %s', async (fixture, role) => {
    const { graph } = await loadPathFixture(fixture);
    const edge = (graph.out.get('token:shop/root') ?? []).find((e) => e.kind === 'cluster-admin');
    expect(edge?.evidence).toContain(`, which grants ${role}`);
    // Latin-1 only: one character past it makes V8 hold and write a whole `paths -f json` at two bytes each.
    expect(edge?.evidence).toMatch(/^[\x20-\xff]+$/);
  });

  it('view cluster-wide is neither cluster-admin nor an escalation, nor a secret read', async () => {
    const { graph } = await loadPathFixture('cluster-admin-absent');
    expect((graph.out.get('token:shop/root') ?? []).map((e) => e.kind)).toEqual([]);
  });

  it('pod creation says why it is the node: the pod is the author’s to make privileged and place', async () => {
    const { graph } = await loadPathFixture('pod-create');
    const edge = (graph.out.get('token:shop/builder') ?? []).find((e) => e.kind === 'pod-create');
    expect(edge?.evidence).toMatch(/: a privileged pod, placed by its author, is root on its node$/);
  });

  it('exec rights reach every workload of the namespace they are granted in, and only those', async () => {
    const { graph } = await loadPathFixture('pod-exec');
    expect(edgesOfKind(graph, 'pod-exec')).toEqual([`token:shop/ops -> ${DB}`]);
  });
});
