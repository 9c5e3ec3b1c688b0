/** @module Ties a template's child and extension resources (pools, maintenance, diagnostics, safeguards) to their cluster. */
import type { DiagnosticSetting, MaintenanceConfiguration } from '../../model/index.js';
import type { LoadSink } from '../load-sink.js';
import { mentionsDeployment } from './arm-resource-functions.js';
import { readDiagnosticSetting } from './diagnostic-settings.js';
import { rootCursor } from './resource-view.js';
import type { TemplateResource } from './template-resources.js';

const CLUSTERS = 'microsoft.containerservice/managedclusters';
const TYPES = {
  clusters: CLUSTERS,
  pools: `${CLUSTERS}/agentpools`,
  maintenance: `${CLUSTERS}/maintenanceconfigurations`,
  nestedDiagnostics: `${CLUSTERS}/providers/diagnosticsettings`,
  diagnostics: 'microsoft.insights/diagnosticsettings',
  safeguards: 'microsoft.containerservice/deploymentsafeguards',
  pricings: 'microsoft.security/pricings',
} as const;

export type Classified = { readonly [K in keyof typeof TYPES]: TemplateResource[] };

export interface ClusterChildren {
  readonly pools: TemplateResource[];
  readonly maintenance: TemplateResource[];
  readonly diagnostics: TemplateResource[];
  readonly safeguards: TemplateResource[];
}

interface Orphan {
  readonly kind: 'diagnostic-setting' | 'maintenance-configuration';
  readonly resource: TemplateResource;
  readonly targetId: string;
}

export const lastSegment = (name: string): string => name.split('/').pop() ?? name;

export function readMaintenance(member: TemplateResource): MaintenanceConfiguration {
  return { name: lastSegment(member.name), at: { file: member.reader.file, line: member.node.line } };
}

export function readSetting(member: TemplateResource): DiagnosticSetting {
  const name = lastSegment(member.name);
  return readDiagnosticSetting(rootCursor(member.node, `diagnosticSettings/${name}`), member.reader, name);
}

export function classify(resources: readonly TemplateResource[]): Classified {
  const out: Classified = {
    clusters: [],
    pools: [],
    maintenance: [],
    nestedDiagnostics: [],
    diagnostics: [],
    safeguards: [],
    pricings: [],
  };
  const kinds = Object.entries(TYPES) as [keyof typeof TYPES, string][];
  for (const resource of resources) {
    const kind = kinds.find(([, type]) => type === resource.type.toLowerCase())?.[0];
    // An `existing` child is a reference to something defined elsewhere, not part of this definition.
    if (kind && (kind === 'clusters' || !resource.existing)) out[kind].push(resource);
  }
  return out;
}

/** `.../providers/Microsoft.ContainerService/managedClusters/<name>` or `Microsoft.ContainerService/managedClusters/<name>`. */
const SCOPE_PATTERN = /(?:^|\/)Microsoft\.ContainerService\/managedClusters\/([^/]+)\/?$/i;

/** The name of the cluster an extension resource's `scope` points at (an id, a `type/name`, or a 2.0 symbolic name). */
const symbolKey = (template: string, symbol: string): string => `${template}\u0000${symbol.toLowerCase()}`;

function scopedCluster(
  resource: TemplateResource,
  symbols: ReadonlyMap<string, TemplateResource>,
): string | undefined {
  const { scope } = resource;
  if (scope === undefined) return undefined;
  const symbol = symbols.get(symbolKey(resource.template, scope));
  if (symbol) return symbol.name;
  return SCOPE_PATTERN.exec(scope)?.[1];
}

/** Where a satellite of a cluster outside this template points: a full id when decided, else `managedClusters/<name>`. */
function satelliteTarget(resource: TemplateResource, cluster: string): string {
  const scope = resource.scope;
  if (scope?.startsWith('/subscriptions/') && !mentionsDeployment(scope) && !scope.includes('['))
    return scope.replace(/\/$/, '');
  return `managedClusters/${cluster}`;
}

/** Reports a note about a template resource at its line. */
function note(resource: TemplateResource, message: string, undecidable: boolean): void {
  resource.reader.report({ code: 'unresolved-value', undecidable, message, line: resource.node.line });
}

interface Grouping {
  readonly clusters: readonly TemplateResource[];
  readonly children: ClusterChildren[];
  readonly orphans: Orphan[];
  /** `agentPools` of clusters the template does not define, by cluster name (as the template writes it). */
  readonly foreignPools: Map<string, TemplateResource[]>;
}

/** Adds `resource` to the children of every cluster named `target`; else it is a satellite or left unread. */
function place(
  grouping: Grouping,
  resource: TemplateResource,
  target: string | undefined,
  key: keyof ClusterChildren,
): void {
  if (target === undefined) return;
  if (resource.copy)
    note(resource, `${resource.type} ${resource.name} is deployed by a copy loop: it is read once`, false);
  const { clusters, children, orphans } = grouping;
  const owners = children.filter((_, i) => clusters[i]?.name.toLowerCase() === target.toLowerCase());
  for (const owner of owners) owner[key].push(resource);
  if (owners.length > 0) return;
  if (key === 'diagnostics' || key === 'maintenance') {
    const kind = key === 'diagnostics' ? 'diagnostic-setting' : 'maintenance-configuration';
    orphans.push({ kind, resource, targetId: satelliteTarget(resource, target) });
    return;
  }
  if (key === 'pools') {
    const key = grouping.foreignPools.has(target)
      ? target
      : ([...grouping.foreignPools.keys()].find((k) => k.toLowerCase() === target.toLowerCase()) ?? target);
    grouping.foreignPools.set(key, [...(grouping.foreignPools.get(key) ?? []), resource]);
    return;
  }
  const message = `${resource.type} ${resource.name} belongs to cluster ${target}, which this template does not define; not read`;
  note(resource, message, true);
}

/** The children of each cluster (in `clusters` order), and the resources of clusters defined elsewhere. */
export function groupByCluster(clusters: readonly TemplateResource[], classified: Classified) {
  const symbols = new Map<string, TemplateResource>();
  for (const cluster of classified.clusters) {
    if (cluster.symbol) symbols.set(symbolKey(cluster.template, cluster.symbol), cluster);
  }
  const children = clusters.map((): ClusterChildren => ({
    pools: [],
    maintenance: [],
    diagnostics: [],
    safeguards: [],
  }));
  const grouping: Grouping = { clusters, children, orphans: [], foreignPools: new Map() };
  const parent = (resource: TemplateResource): string | undefined => resource.name.split('/')[0];
  for (const pool of classified.pools) place(grouping, pool, parent(pool), 'pools');
  for (const config of classified.maintenance) place(grouping, config, parent(config), 'maintenance');
  for (const setting of classified.nestedDiagnostics)
    place(grouping, setting, parent(setting), 'diagnostics');
  for (const setting of classified.diagnostics)
    place(grouping, setting, scopedCluster(setting, symbols), 'diagnostics');
  for (const safeguard of classified.safeguards)
    place(grouping, safeguard, scopedCluster(safeguard, symbols), 'safeguards');
  return grouping;
}

/** Settings and configurations of clusters defined elsewhere become satellites; uncertain ones are left out. */
export function attachSatellites(orphans: readonly Orphan[], sink: LoadSink): number {
  let count = 0;
  for (const { kind, resource, targetId } of orphans) {
    if (resource.uncertain !== undefined) {
      note(
        resource,
        `${resource.name} is not attached to ${targetId}: it may not be deployed (${resource.uncertain})`,
        true,
      );
      continue;
    }
    if (kind === 'diagnostic-setting') sink.addSatellite({ kind, targetId, value: readSetting(resource) });
    else sink.addSatellite({ kind, targetId, value: readMaintenance(resource) });
    count++;
  }
  return count;
}
