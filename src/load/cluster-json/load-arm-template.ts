/** @module ARM templates (and Bicep-compiled main.json) into cluster definitions, with their child and extension resources. */
import type { ClusterFormat, Setting, SourceLocation } from '../../model/index.js';
import type { LoadSink } from '../load-sink.js';
import type { Lookup, PoolSource } from '../normalize/cluster-source.js';
import { buildCluster } from '../normalize/build-cluster.js';
import { unknownClusterSource } from '../normalize/unknown-cluster.js';
import { createClusterSource, createPoolSource } from './json-cluster-source.js';
import { resolveValue } from './arm-evaluator.js';
import type { JsonNode } from './json-tree.js';
import { getNode, toPlain } from './json-tree.js';
import type { ValueReader } from './resource-view.js';
import { descend, expectObject, finish, rootCursor, walk } from './resource-view.js';
import type { SuppliedParameter } from './template-scope.js';
import { createTemplateScope } from './template-scope.js';
import type { TemplateResource } from './template-resources.js';
import { collectResources } from './template-resources.js';
import {
  attachSatellites,
  classify,
  groupByCluster,
  lastSegment,
  readMaintenance,
  readSetting,
} from './template-children.js';
import type { ClusterChildren } from './template-children.js';

/** A member of a stated list whose existence is uncertain makes the whole list uncertain: never a silent pass. */
function statedList<T>(
  members: readonly TemplateResource[],
  read: (member: TemplateResource) => T,
  what: string,
  where: { at: SourceLocation; path: string },
): Setting<readonly T[]> {
  const doubt = members.find((member) => member.uncertain !== undefined);
  if (doubt) {
    const reason = `${what} ${lastSegment(doubt.name)} may not be deployed: ${doubt.uncertain ?? ''}`;
    return { state: 'unknown', reason, ...where };
  }
  // The template is the definition of what exists: no member means none.
  return { state: 'stated', value: members.map(read), ...where };
}

/** `properties.<keys>` of an extension resource, or unknown when the resource may not be deployed. */
function extensionLookup(
  member: TemplateResource | undefined,
  label: string,
  keys: readonly string[],
): Lookup | undefined {
  if (!member) return undefined;
  const root = rootCursor(member.node, `${label}/${lastSegment(member.name)}`);
  const lookup = finish(walk(root, keys, member.reader), member.reader);
  if (member.uncertain === undefined) return lookup;
  return {
    kind: 'unknown',
    reason: `${root.path} may not be deployed: ${member.uncertain}`,
    at: lookup.at,
    path: lookup.path,
  };
}

/** Says when the cluster is known only by an expression (`[parameters('clusterName')]`), or is deployed by a loop. */
function noteIdentity(cluster: TemplateResource, display: string): void {
  const { reader, node } = cluster;
  const name = getNode(node, 'name');
  const exact = name === undefined ? undefined : resolveValue(toPlain(name), reader.scope);
  if (name && exact && !exact.ok) {
    const message = `the name of ${display} cannot be decided (${exact.reason}); findings name the cluster by its expression`;
    reader.report({ code: 'unresolved-value', undecidable: exact.undecidable, message, line: name.line });
  }
  if (cluster.copy) {
    const message = `${display} is deployed by a copy loop: its definition is read once, and values that use copyIndex() are unknown`;
    reader.report({ code: 'unresolved-value', undecidable: false, message, line: node.line });
  }
}

/** A child `agentPools` resource as a pool: its `properties` are the pool profile, its name the pool's. */
function childPool(pool: TemplateResource): PoolSource {
  const name = lastSegment(pool.name);
  const root = rootCursor(pool.node, `agentPools/${name}`);
  const at = { file: pool.reader.file, line: pool.node.line };
  return createPoolSource(descend(root, 'properties', pool.reader), pool.reader, name, at);
}

function loadCluster(
  cluster: TemplateResource,
  children: ClusterChildren,
  pricing: TemplateResource | undefined,
  sink: LoadSink,
  format: ClusterFormat,
): void {
  const { reader } = cluster;
  const at = { file: reader.file, line: cluster.node.line };
  const display = `managedClusters/${cluster.name}`;
  noteIdentity(cluster, display);
  const resource = rootCursor(cluster.node);
  const properties = descend(resource, 'properties', reader);
  expectObject(properties, reader, 'error');
  const safeguards = extensionLookup(children.safeguards.at(-1), 'deploymentSafeguards', [
    'properties',
    'level',
  ]);
  const defenderPlan = extensionLookup(pricing, 'pricings', ['properties', 'pricingTier']);
  const maintenance = { at, path: 'maintenanceConfigurations' };
  const diagnostics = { at, path: 'diagnosticSettings' };
  const source = createClusterSource({
    format,
    name: cluster.name,
    id: display,
    at,
    resource,
    properties,
    reader,
    childPools: children.pools.map(childPool),
    maintenanceConfigurations: statedList(
      children.maintenance,
      readMaintenance,
      'maintenance configuration',
      maintenance,
    ),
    diagnosticSettings: statedList(children.diagnostics, readSetting, 'diagnostic setting', diagnostics),
    ...(safeguards ? { deploymentSafeguards: safeguards } : {}),
    ...(defenderPlan ? { defenderPlan } : {}),
  });
  sink.addCluster(buildCluster(source));
}

export interface TemplateOptions {
  /** `bicep` for a template compiled here from Bicep source (default `arm-template`). */
  readonly format?: ClusterFormat;
  /** Parameter values from a parameter file (`.bicepparam`, `*.parameters.json`), by lower-case name. */
  readonly supplied?: ReadonlyMap<string, SuppliedParameter>;
}

/** Loads the clusters of a template; returns how many definitions (clusters and satellites) were read. */
export function loadArmTemplate(
  root: JsonNode,
  sink: LoadSink,
  reader: ValueReader,
  options: TemplateOptions = {},
): number {
  if (root.kind !== 'object') {
    reader.report(
      { code: 'wrong-type', undecidable: false, message: 'the template is not an object', line: root.line },
      'error',
    );
    return 0;
  }
  const resources: TemplateResource[] = [];
  collectResources(root, '', { ...reader, scope: createTemplateScope(root, options.supplied) }, resources);
  const classified = classify(resources);
  const clusters = classified.clusters.filter((cluster) => !cluster.existing);
  const grouped = groupByCluster(clusters, classified);
  const pricing = classified.pricings
    .filter((p) => lastSegment(p.name).toLowerCase() === 'containers')
    .at(-1);
  clusters.forEach((cluster, i) => {
    loadCluster(
      cluster,
      grouped.children[i] ?? { pools: [], maintenance: [], diagnostics: [], safeguards: [] },
      pricing,
      sink,
      options.format ?? 'arm-template',
    );
  });
  return (
    clusters.length + attachSatellites(grouped.orphans, sink) + addForeignPools(grouped.foreignPools, sink)
  );
}

/**
 * `agentPools` resources of a cluster the template does not define (a pool-only template, or an `existing`
 * cluster): their pool-level controls are assessed; the cluster-level ones need the cluster resource.
 */
function addForeignPools(foreign: ReadonlyMap<string, readonly TemplateResource[]>, sink: LoadSink): number {
  for (const [target, pools] of foreign) {
    const [first] = pools;
    if (!first) continue;
    const names = pools.map((p) => `agentPools/${lastSegment(p.name)}`).join(', ');
    const reason = `needs the cluster resource: ${names} joins cluster ${target}, which is not in the inputs`;
    const at = { file: first.reader.file, line: first.node.line };
    const id = `managedClusters/${target}`;
    const spec = {
      format: 'arm-template',
      name: target,
      id,
      at,
      reason,
      pools: pools.map(childPool),
    } as const;
    sink.addCluster(buildCluster(unknownClusterSource(spec)));
  }
  return foreign.size;
}
