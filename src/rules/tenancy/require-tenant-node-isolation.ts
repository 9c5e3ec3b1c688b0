/** @module require-tenant-node-isolation: tenant workloads schedule only onto node pools no one else lands on. */
import type { AksCluster, PathSegment, Workload } from '../../model/index.js';
import {
  extractNamespaces,
  extractWorkloads,
  isApplicationNamespace,
  objectSubject,
} from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';
import type { PlacementRuleAnalysis, PoolView, Tri } from '../kit/analyses.js';
import { defineRule, GUIDANCE } from '../define-rule.js';

interface Verdict {
  readonly status: 'fail' | 'not-assessed' | 'pass';
  readonly message: string;
}

/** The tenant a namespace belongs to: the label's value, or the namespace itself for `"true"` or `""`. */
function tenantOf(name: string, labels: Readonly<Record<string, string>>, label: string): string | undefined {
  const value = Object.hasOwn(labels, label) ? labels[label] : undefined;
  if (value === undefined || value === 'false') return undefined;
  return value === '' || value === 'true' ? name : value;
}

/** The first three names, and how many more of `total`. */
function listed(names: readonly string[], total = names.length): string {
  return total <= 3 ? names.slice(0, 3).join(', ') : `${names.slice(0, 3).join(', ')} and ${total - 3} more`;
}

/** The competing workloads that surely land on one pool, and how many of them each tenant has. */
interface PoolLanders {
  readonly all: readonly Workload[];
  readonly perTenant: ReadonlyMap<string | undefined, number>;
}

interface Scene {
  readonly pools: readonly PoolView[];
  /** Per pool: workloads that compete for nodes (not DaemonSets, which run everywhere by design; not system namespaces). */
  readonly landers: ReadonlyMap<string, PoolLanders>;
  readonly tenantOf: (workload: Workload) => string | undefined;
  readonly land: (workload: Workload, pool: PoolView) => Tri;
  readonly isPinned: (workload: Workload) => boolean;
}

/** The problems of one pool the tenant's pods may land on: a System pool, or other tenants' workloads that land there too. */
function poolProblems(scene: Scene, pool: PoolView, tenant: string): string[] {
  const problems: string[] = [];
  if (pool.mode === 'System')
    problems.push(`pool ${pool.name} is a System pool, shared with the cluster add-ons`);
  const landers = scene.landers.get(pool.name);
  const total = (landers?.all.length ?? 0) - (landers?.perTenant.get(tenant) ?? 0);
  if (landers && total > 0) {
    const names: string[] = [];
    for (const other of landers.all) {
      if (names.length === 3) break;
      if (scene.tenantOf(other) !== tenant) names.push(other.display);
    }
    problems.push(`pool ${pool.name} also runs ${listed(names, total)}`);
  }
  return problems;
}

function assess(workload: Workload, tenant: string, scene: Scene): Verdict {
  const { pools } = scene;
  if (!scene.isPinned(workload)) {
    const reachable = pools.filter((p) => scene.land(workload, p) !== 'no').map((p) => p.name);
    const message = `is not pinned to its tenant's pools (no nodeSelector or required node affinity): its pods can land on ${listed(reachable) || 'any pool'}`;
    return { status: 'fail', message };
  }
  const eligible = pools.filter((p) => scene.land(workload, p) !== 'no');
  if (eligible.length === 0) {
    const message = `has no node pool in the cluster definition that accepts its pods (the selector names an unknown pool, or the pool's taints are not tolerated)`;
    return { status: 'not-assessed', message };
  }
  const problems = eligible
    .filter((p) => scene.land(workload, p) === 'yes')
    .flatMap((p) => poolProblems(scene, p, tenant));
  if (problems.length > 0) return { status: 'fail', message: `shares nodes: ${problems.join('; ')}` };
  const unknown = eligible.filter((p) => scene.land(workload, p) === 'unknown').map((p) => p.name);
  if (unknown.length > 0)
    return {
      status: 'not-assessed',
      message: `is not assessed: whether its pods can land on ${listed(unknown)} is unknown (the pool's labels or taints are unknown)`,
    };
  const untainted = eligible.filter((p) => p.taints?.length === 0).map((p) => p.name);
  const note =
    untainted.length > 0
      ? `; taint ${listed(untainted)} so that pods without a selector cannot land there`
      : ', tainted and tolerated';
  return {
    status: 'pass',
    message: `is pinned to pools only its tenant lands on (${listed(eligible.map((p) => p.name))})${note}`,
  };
}

const RANK: Readonly<Record<Verdict['status'], number>> = { fail: 0, 'not-assessed': 1, pass: 2 };

function placementPath(workload: Workload): readonly PathSegment[] {
  const spec = workload.podSpec;
  if (spec['nodeSelector'] !== undefined) return [...workload.podSpecPath, 'nodeSelector'];
  if (spec['affinity'] !== undefined) return [...workload.podSpecPath, 'affinity'];
  return workload.podSpecPath;
}

/** Placement answers are cached per workload and pool: every tenant workload asks about the same competitors. */
function sceneFor(
  placement: PlacementRuleAnalysis,
  cluster: AksCluster,
  competing: readonly Workload[],
  tenantOf: (workload: Workload) => string | undefined,
): Scene | string {
  const pools = placement.poolViews(cluster);
  if (typeof pools === 'string') return pools;
  const cache = new Map<Workload, Map<string, Tri>>();
  const land = (workload: Workload, pool: PoolView): Tri => {
    let row = cache.get(workload);
    if (row === undefined) cache.set(workload, (row = new Map<string, Tri>()));
    let result = row.get(pool.name);
    if (result === undefined) row.set(pool.name, (result = placement.canLand(workload, pool)));
    return result;
  };
  const landers = new Map<string, PoolLanders>();
  for (const pool of pools) {
    const all = competing.filter((w) => land(w, pool) === 'yes');
    const perTenant = new Map<string | undefined, number>();
    for (const w of all) perTenant.set(tenantOf(w), (perTenant.get(tenantOf(w)) ?? 0) + 1);
    landers.set(pool.name, { all, perTenant });
  }
  return { pools, landers, tenantOf, land, isPinned: placement.isPinned };
}

function check(context: RuleContext<unknown, 'placement'>): void {
  const { model, settings } = context;
  const { placement } = context.analyses;
  const tenants = new Map<string, string>();
  for (const ns of extractNamespaces(model.objects)) {
    const tenant = tenantOf(ns.name, ns.labels, settings.tenantLabel);
    if (tenant !== undefined) tenants.set(ns.name, tenant);
  }
  if (tenants.size === 0) return;
  const workloads = extractWorkloads(model.objects);
  const competing = workloads.filter(
    (w) => w.kind !== 'DaemonSet' && isApplicationNamespace(w.namespace, settings.systemNamespaces),
  );
  const tenantOfWorkload = (w: Workload): string | undefined => tenants.get(w.namespace);
  const scenes = model.clusters.map((cluster) => ({
    cluster,
    scene: sceneFor(placement, cluster, competing, tenantOfWorkload),
  }));
  for (const workload of workloads) {
    const tenant = tenants.get(workload.namespace);
    if (tenant === undefined) continue;
    const subject = objectSubject(workload.object);
    const path = placementPath(workload);
    if (model.clusters.length === 0) {
      const message = `${subject.display} (tenant ${tenant}): no cluster definition is in the inputs, so its node pools, their labels and taints are unknown.`;
      context.report({ subject, path, status: 'not-assessed', message });
      continue;
    }
    const verdicts = scenes.map(({ cluster, scene }) => {
      const verdict: Verdict =
        typeof scene === 'string'
          ? { status: 'not-assessed', message: `is not assessed: ${scene}` }
          : assess(workload, tenant, scene);
      return { ...verdict, cluster };
    });
    const worst = verdicts.sort((a, b) => RANK[a.status] - RANK[b.status])[0];
    if (worst === undefined) continue;
    const on = model.clusters.length > 1 ? ` on ${worst.cluster.display}` : '';
    const message = `${subject.display} (tenant ${tenant})${on} ${worst.message}.`;
    context.report({ subject, path, status: worst.status, message });
  }
}

export default defineRule({
  id: 'require-tenant-node-isolation',
  title: 'Tenant namespaces schedule onto their own node pools',
  surface: 'tenancy',
  severity: 'low',
  rationale:
    'Namespaces, RBAC and network policies separate tenants everywhere but on the node: pods of different ' +
    'teams on one node share its kernel, so a container breakout crosses the tenancy boundary whatever the ' +
    'namespace policy says. The hardening guidance’s answer where the boundary must be strong is to give each tenant its ' +
    'own node pool and pin its pods there with scheduling rules, so a breakout stays within one tenant’s ' +
    'blast radius; a taint on the pool keeps everyone else’s pods off it.',
  remediation: {
    summary:
      'Give each tenant a node pool with a tenant label and a NoSchedule taint, and pin the tenant’s pods to ' +
      'it with a nodeSelector (or required node affinity) on that label plus a matching toleration.',
    az: 'az aks nodepool add -g <rg> --cluster-name <cluster> -n <tenant> --labels tenant=<tenant> --node-taints tenant=<tenant>:NoSchedule',
    terraform:
      'resource "azurerm_kubernetes_cluster_node_pool" "<tenant>" {\n' +
      '  node_labels = { tenant = "<tenant>" }\n' +
      '  node_taints = ["tenant=<tenant>:NoSchedule"]\n' +
      '}',
    arm: 'agentPoolProfiles[*].nodeLabels: { tenant: <tenant> }, nodeTaints: ["tenant=<tenant>:NoSchedule"]',
    manifest:
      'spec.template.spec:\n' +
      '  nodeSelector: { tenant: <tenant> }\n' +
      '  tolerations: [{ key: tenant, operator: Equal, value: <tenant>, effect: NoSchedule }]',
  },
  reads: ['cluster', 'manifests'],
  peers: { kubescape: ['C-0209'] },
  references: [
    GUIDANCE.guide,
    {
      title: 'AKS: Best practices for cluster isolation (logical and physical isolation)',
      url: 'https://learn.microsoft.com/azure/aks/operator-best-practices-cluster-isolation',
    },
    {
      title: 'AKS: Best practices for advanced scheduler features (taints, tolerations, node affinity)',
      url: 'https://learn.microsoft.com/azure/aks/operator-best-practices-advanced-scheduler',
    },
  ],
  since: '0.1.0',
  needs: ['placement'],
  check,
});
