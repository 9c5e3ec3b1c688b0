/** @module One `ClusterSource` per `azurerm_kubernetes_cluster`, with its pools and satellites, built into the model. */
import type { ClusterFormat } from '../../model/index.js';
import type { LoadSink } from '../load-sink.js';
import { buildCluster } from '../normalize/build-cluster.js';
import type { ClusterSource, PoolSource } from '../normalize/cluster-source.js';
import { AKS_MODULE, unknownClusterSource } from '../normalize/unknown-cluster.js';
import { CLUSTER_READERS } from './azurerm-cluster.js';
import { literalName } from './azurerm-lookups.js';
import { poolSource } from './azurerm-pools.js';
import {
  DIAGNOSTIC_SETTING,
  PRICING,
  defenderPlan,
  diagnosticSettings,
  maintenanceConfigurations,
  toDiagnosticSetting,
} from './azurerm-satellites.js';
import { AZAPI_RESOURCE, SAFEGUARD, deploymentSafeguards, isAzapiSafeguards } from './azurerm-safeguards.js';
import type { RemoteModule } from './module-tree.js';
import type { TfResource } from './tf-resource.js';

const CLUSTER = 'azurerm_kubernetes_cluster';
const NODE_POOL = 'azurerm_kubernetes_cluster_node_pool';

/** The resource types a cluster definition is built from; a plan reader can skip every other. */
export const CLUSTER_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  CLUSTER,
  NODE_POOL,
  DIAGNOSTIC_SETTING,
  PRICING,
  SAFEGUARD,
  AZAPI_RESOURCE,
]);

function clusterPools(cluster: TfResource, resources: readonly TfResource[]): ClusterSource['pools'] {
  const defaults = cluster.view.blocks('default_node_pool');
  if ('unknown' in defaults) {
    return {
      unknown: defaults.unknown,
      at: cluster.view.locate(['default_node_pool']),
      path: 'default_node_pool',
    };
  }
  const pools: PoolSource[] = defaults.map((view) =>
    poolSource({
      view,
      prefix: 'default_node_pool',
      name: literalName(view, 'default'),
      at: view.locate([]),
      isDefault: true,
    }),
  );
  for (const pool of resources) {
    if (pool.type !== NODE_POOL) continue;
    const belongs = pool.references('kubernetes_cluster_id', cluster);
    if (belongs === false) continue;
    if (belongs !== true) {
      return {
        unknown: `${pool.address}: ${belongs.unknown}, so it may be a pool of this cluster`,
        at: pool.at,
        path: pool.address,
      };
    }
    const name = literalName(pool.view, pool.name);
    pools.push(poolSource({ view: pool.view, prefix: pool.address, name, at: pool.at, isDefault: false }));
  }
  return pools;
}

function clusterSource(
  cluster: TfResource,
  resources: readonly TfResource[],
  format: ClusterFormat,
): ClusterSource {
  const id = cluster.view.attr(['id']);
  const plan = defenderPlan(resources);
  return {
    format,
    name: literalName(cluster.view, cluster.name),
    // The Azure resource id where a state knows it (so settings from other inputs can attach), else the address.
    id:
      format === 'terraform-plan' && id.kind === 'value' && typeof id.value === 'string'
        ? id.value
        : cluster.address,
    display: cluster.address,
    at: cluster.at,
    complete: true,
    get: (path) => CLUSTER_READERS[path](cluster.view),
    pools: clusterPools(cluster, resources),
    maintenanceConfigurations: maintenanceConfigurations(cluster),
    diagnosticSettings: diagnosticSettings(cluster, resources),
    deploymentSafeguards: deploymentSafeguards(cluster, resources),
    ...(plan ? { defenderPlan: plan } : {}),
  };
}

function noteRepetitions(resources: readonly TfResource[], sink: LoadSink): void {
  for (const r of resources) {
    if (!r.repetition || !CLUSTER_RESOURCE_TYPES.has(r.type)) continue;
    // azapi_resource is read only for Deployment Safeguards; other azapi resources are none of aksward's business.
    if (r.type === AZAPI_RESOURCE && isAzapiSafeguards(r) === false) continue;
    const varies = r.repetition === 'count' ? 'count.index' : 'each.key or each.value';
    sink.addDiagnostic({
      code: 'unresolved-value',
      level: 'info',
      message: `${r.address} uses ${r.repetition}: it is read once, as the definition every instance shares; values that depend on ${varies} are unknown`,
      file: r.at.file,
      line: r.at.line,
    });
  }
}

/** A diagnostic setting for a cluster this input does not define, by literal id: attached once every input is read. */
function addSatellites(
  resources: readonly TfResource[],
  clusters: readonly TfResource[],
  sink: LoadSink,
): void {
  for (const setting of resources) {
    if (setting.type !== DIAGNOSTIC_SETTING) continue;
    if (clusters.some((c) => setting.references('target_resource_id', c) !== false)) continue;
    const target = setting.view.attr(['target_resource_id']);
    if (target.kind !== 'value' || typeof target.value !== 'string') continue;
    if (!/\/providers\/Microsoft\.ContainerService\/managedClusters\//i.test(target.value)) continue;
    sink.addSatellite({
      kind: 'diagnostic-setting',
      targetId: target.value,
      value: toDiagnosticSetting(setting),
    });
  }
}

/**
 * Node pool resources that join no cluster of the inputs (`kubernetes_cluster_id = var.cluster_id` in a
 * pool module): their pool-level controls are assessed on a cluster known only by that id, whose
 * cluster-level controls are not assessed. Pools naming the same id share that cluster.
 */
function addStandalonePools(
  resources: readonly TfResource[],
  clusters: readonly TfResource[],
  format: ClusterFormat,
  sink: LoadSink,
): number {
  const groups = new Map<string, TfResource[]>();
  for (const pool of resources) {
    if (pool.type !== NODE_POOL) continue;
    if (clusters.some((c) => pool.references('kubernetes_cluster_id', c) !== false)) continue;
    const id = pool.view.attr(['kubernetes_cluster_id']);
    const key = id.kind === 'value' && typeof id.value === 'string' ? id.value : `cluster of ${pool.address}`;
    groups.set(key, [...(groups.get(key) ?? []), pool]);
  }
  for (const [id, pools] of groups) {
    const [first] = pools;
    if (!first) continue;
    const reason = `needs the cluster resource: ${pools.map((p) => p.address).join(', ')} joins a cluster (${id}) that is not in the inputs`;
    const name = id.split('/').pop() ?? id;
    const sources = pools.map((pool) =>
      poolSource({
        view: pool.view,
        prefix: pool.address,
        name: literalName(pool.view, pool.name),
        at: pool.at,
        isDefault: false,
      }),
    );
    sink.addCluster(
      buildCluster(unknownClusterSource({ format, name, id, at: first.at, reason, pools: sources })),
    );
  }
  return groups.size;
}

/** Builds every cluster of one Terraform input into the sink; returns how many. */
export function addTerraformClusters(
  resources: readonly TfResource[],
  format: ClusterFormat,
  sink: LoadSink,
): number {
  const clusters = resources.filter((r) => r.type === CLUSTER);
  noteRepetitions(resources, sink);
  for (const cluster of clusters) sink.addCluster(buildCluster(clusterSource(cluster, resources, format)));
  addSatellites(resources, clusters, sink);
  return clusters.length + addStandalonePools(resources, clusters, format, sink);
}

/** A cluster per remote module call that looks like an AKS module: every control is not assessed. */
export function addRemoteModuleClusters(remote: readonly RemoteModule[], sink: LoadSink): number {
  let count = 0;
  for (const call of remote) {
    if (!AKS_MODULE.test(call.source)) continue;
    const named = call.version ? `${call.source} version ${call.version}` : call.source;
    const reason = `the cluster is defined by ${call.address} (${named}), a module aksward does not read; scan the plan JSON (terraform show -json)`;
    const pools = { unknown: reason, at: call.at, path: call.address };
    const spec = {
      format: 'terraform',
      name: call.address,
      id: call.address,
      at: call.at,
      reason,
      pools,
    } as const;
    sink.addCluster(buildCluster(unknownClusterSource(spec)));
    count++;
  }
  return count;
}
