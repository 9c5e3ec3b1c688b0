/** @module The `ClusterSource` of one cluster resource read from JSON (az aks show, ARM REST or an ARM template). */
import type {
  ClusterFormat,
  DiagnosticSetting,
  MaintenanceConfiguration,
  Setting,
  SourceLocation,
} from '../../model/index.js';
import type { ClusterPath, ClusterSource, Lookup, PoolSource } from '../normalize/cluster-source.js';
import type { Cursor, ValueReader } from './resource-view.js';
import { finish, isCursorList, listItems, walk } from './resource-view.js';

export interface ClusterSpec {
  readonly format: ClusterFormat;
  readonly name: string;
  readonly id: string;
  readonly at: SourceLocation;
  /** The resource object: top-level paths (`/sku/tier`) start here. */
  readonly resource: Cursor;
  /** Where `CLUSTER_PATHS` start: `properties`, or the resource itself for az aks show's flattened output. */
  readonly properties: Cursor;
  readonly reader: ValueReader;
  /** Template child `agentPools` resources: they add to, or replace by name, `agentPoolProfiles`. */
  readonly childPools?: readonly PoolSource[];
  readonly maintenanceConfigurations: Setting<readonly MaintenanceConfiguration[]>;
  readonly diagnosticSettings: Setting<readonly DiagnosticSetting[]>;
  readonly deploymentSafeguards?: Lookup;
  readonly defenderPlan?: Lookup;
}

const AUTHORIZED_RANGES: ClusterPath = 'apiServerAccessProfile.authorizedIPRanges';

function lookupClusterPath(spec: ClusterSpec, path: ClusterPath): Lookup {
  const { reader } = spec;
  const cursor = path.startsWith('/')
    ? walk(spec.resource, path.slice(1).split('/'), reader)
    : walk(spec.properties, path.split('.'), reader);
  const lookup = finish(cursor, reader);
  if (path !== AUTHORIZED_RANGES || lookup.kind !== 'absent') return lookup;
  // API versions 2019-02-01 to 2019-06-01 had the ranges at `properties.apiServerAuthorizedIPRanges`.
  const legacy = finish(walk(spec.properties, ['apiServerAuthorizedIPRanges'], reader), reader);
  return legacy.kind === 'absent' ? lookup : legacy;
}

/** A node pool profile (an `agentPoolProfiles` item or a child `agentPools` resource's `properties`). */
export function createPoolSource(
  cursor: Cursor,
  reader: ValueReader,
  fallbackName: string,
  at?: SourceLocation,
): PoolSource {
  const name = finish(walk(cursor, ['name'], reader), reader);
  return {
    name: name.kind === 'value' && typeof name.value === 'string' ? name.value : fallbackName,
    at: at ?? { file: reader.file, line: cursor.line },
    path: cursor.path,
    get: (path) => finish(walk(cursor, path.split('.'), reader), reader),
  };
}

function listPools(spec: ClusterSpec): ClusterSource['pools'] {
  const { reader } = spec;
  const items = listItems(walk(spec.properties, ['agentPoolProfiles'], reader), reader);
  if (!isCursorList(items)) {
    const reason = items.kind === 'unknown' ? items.reason : 'the node pools cannot be listed';
    return { unknown: reason, at: { file: reader.file, line: items.line }, path: items.path };
  }
  const pools = items.map((item) => createPoolSource(item, reader, item.path));
  for (const child of spec.childPools ?? []) {
    const index = pools.findIndex((pool) => pool.name.toLowerCase() === child.name.toLowerCase());
    if (index >= 0) pools[index] = child;
    else pools.push(child);
  }
  return pools;
}

export function createClusterSource(spec: ClusterSpec): ClusterSource {
  return {
    format: spec.format,
    name: spec.name,
    id: spec.id,
    display: `managedClusters/${spec.name}`,
    at: spec.at,
    // az aks show, REST and templates each describe the whole resource: an omitted value takes AKS's default.
    complete: true,
    get: (path) => lookupClusterPath(spec, path),
    pools: listPools(spec),
    maintenanceConfigurations: spec.maintenanceConfigurations,
    diagnosticSettings: spec.diagnosticSettings,
    ...(spec.deploymentSafeguards ? { deploymentSafeguards: spec.deploymentSafeguards } : {}),
    ...(spec.defenderPlan ? { defenderPlan: spec.defenderPlan } : {}),
  };
}
