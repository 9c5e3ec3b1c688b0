/** @module `az aks show`/`az aks list` output and ARM REST ManagedCluster objects into cluster definitions. */
import type { SourceLocation } from '../../model/index.js';
import type { LoadSink } from '../load-sink.js';
import type { Lookup } from '../normalize/cluster-source.js';
import { buildCluster } from '../normalize/build-cluster.js';
import { createClusterSource } from './json-cluster-source.js';
import type { JsonNode, JsonObject } from './json-tree.js';
import { getNode, getString } from './json-tree.js';
import type { Cursor, ValueReader } from './resource-view.js';
import { descend, expectObject, rootCursor, walk } from './resource-view.js';

export type DocumentFormat = 'az-aks-show' | 'arm-rest';

const MANAGED_CLUSTERS = 'microsoft.containerservice/managedclusters';

export const isClusterType = (type: string | undefined): boolean => type?.toLowerCase() === MANAGED_CLUSTERS;

/** The cluster objects of a document: one object, an `az aks list` array, or a REST list's `value`. */
export function clusterItems(root: JsonNode): readonly JsonNode[] {
  if (root.kind === 'array') return root.items;
  const value = getNode(root, 'value');
  if (value?.kind === 'array' && getNode(root, 'type') === undefined) return value.items;
  return [root];
}

/** `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks` → `aks`. */
const nameFromId = (id: string | undefined): string | undefined => id?.split('/').filter(Boolean).pop();
const groupFromId = (id: string): string | undefined => /\/resourceGroups\/([^/]+)/i.exec(id)?.[1];

interface Identity {
  readonly name: string;
  readonly id: string;
  readonly group: string;
  readonly at: SourceLocation;
}

/** Maintenance configurations, diagnostic settings and Deployment Safeguards are resources of their own. */
function separateResources(format: DocumentFormat, who: Identity, properties: Cursor, reader: ValueReader) {
  const shown = format === 'az-aks-show' ? 'az aks show output' : 'the ManagedCluster REST resource';
  const where = { at: who.at };
  const maintenance = `maintenance configurations are separate resources, not in ${shown}: run \`az aks maintenanceconfiguration list --resource-group ${who.group} --cluster-name ${who.name} -o json\``;
  const diagnostics = `diagnostic settings are separate resources, not in ${shown}: load the output of \`az monitor diagnostic-settings list --resource ${who.id} -o json\``;
  const safeguardsProfile = walk(properties, ['safeguardsProfile'], reader);
  // Preview API versions showed `safeguardsProfile`; otherwise Safeguards live in a `deploymentSafeguards` resource.
  const safeguards: Lookup | undefined =
    safeguardsProfile.kind === 'absent'
      ? {
          kind: 'unknown',
          reason: `Deployment Safeguards are a separate resource, not in ${shown}: see \`az aks safeguards show --resource-group ${who.group} --name ${who.name}\``,
          ...where,
          path: 'deploymentSafeguards/default.properties.level',
        }
      : undefined;
  return {
    maintenanceConfigurations: {
      state: 'unknown',
      reason: maintenance,
      ...where,
      path: 'maintenanceConfigurations',
    } as const,
    diagnosticSettings: {
      state: 'unknown',
      reason: diagnostics,
      ...where,
      path: 'diagnosticSettings',
    } as const,
    ...(safeguards ? { deploymentSafeguards: safeguards } : {}),
  };
}

function identify(item: JsonObject, index: number, file: string): Identity {
  const rawId = getString(item, 'id');
  const name = getString(item, 'name') ?? nameFromId(rawId) ?? `cluster-${index}`;
  const id = rawId ?? `managedClusters/${name}`;
  const group = getString(item, 'resourceGroup') ?? groupFromId(id) ?? '<resource-group>';
  return { name, id, group, at: { file, line: item.line } };
}

function loadOne(
  item: JsonObject,
  index: number,
  format: DocumentFormat,
  sink: LoadSink,
  reader: ValueReader,
): void {
  const who = identify(item, index, reader.file);
  const resource = rootCursor(item);
  const properties = format === 'az-aks-show' ? resource : descend(resource, 'properties', reader);
  // A `properties` that is not an object leaves every setting unknown: part of the input is not read.
  expectObject(properties, reader, 'error');
  const source = createClusterSource({
    format,
    name: who.name,
    id: who.id,
    at: who.at,
    resource,
    properties,
    reader,
    ...separateResources(format, who, properties, reader),
  });
  sink.addCluster(buildCluster(source));
}

/** Loads every cluster object of an az or REST document; returns how many were read. */
export function loadClusterDocument(
  root: JsonNode,
  format: DocumentFormat,
  sink: LoadSink,
  reader: ValueReader,
): number {
  let count = 0;
  clusterItems(root).forEach((item, index) => {
    const type = getString(item, 'type');
    if (item.kind !== 'object' || (type !== undefined && !isClusterType(type))) {
      const message = `item ${index} is not a Microsoft.ContainerService/managedClusters object; skipped`;
      reader.report({ code: 'wrong-type', undecidable: false, message, line: item.line });
      return;
    }
    loadOne(item, index, format, sink, reader);
    count++;
  });
  return count;
}
