/**
 * @module `az aks maintenanceconfiguration list/show` output and the REST form (`properties`, or a `{ value }`
 * list) as satellites of the cluster each configuration belongs to.
 */
import type { LoadSink } from '../load-sink.js';
import type { JsonNode } from './json-tree.js';
import { getNode, getString } from './json-tree.js';
import type { ValueReader } from './resource-view.js';

const CONFIGURATION_TYPE = 'microsoft.containerservice/managedclusters/maintenanceconfigurations';
/** `<cluster id>/maintenanceConfigurations/<name>`: a child resource id names its parent. */
const CONFIGURATION_ID =
  /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ContainerService\/managedClusters\/[^/]+)\/maintenanceConfigurations\/([^/]+)\/?$/i;

/** True for an object that is a maintenance configuration by its type or by its resource id. */
export function isMaintenanceConfigurationObject(node: unknown): boolean {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return false;
  const { type, id } = node as { type?: unknown; id?: unknown };
  if (typeof type === 'string') return type.toLowerCase() === CONFIGURATION_TYPE;
  return typeof id === 'string' && CONFIGURATION_ID.test(id);
}

function configurationItems(root: JsonNode): readonly JsonNode[] {
  if (root.kind === 'array') return root.items;
  const value = getNode(root, 'value');
  return value?.kind === 'array' && getNode(root, 'type') === undefined ? value.items : [root];
}

/**
 * Loads every configuration with an id naming its cluster; returns how many. Only the existence of each
 * configuration (its name) reaches the model: what a window allows is not assessed yet.
 */
export function loadMaintenanceConfigurations(root: JsonNode, sink: LoadSink, reader: ValueReader): number {
  let count = 0;
  configurationItems(root).forEach((item, index) => {
    const id = getString(item, 'id');
    const match = id === undefined ? null : CONFIGURATION_ID.exec(id);
    const targetId = match?.[1];
    if (item.kind !== 'object' || targetId === undefined) {
      const message = `item ${index} has no resource id naming the cluster it belongs to (<cluster id>/maintenanceConfigurations/<name>); skipped`;
      reader.report({ code: 'wrong-type', undecidable: false, message, line: item.line });
      return;
    }
    const name = getString(item, 'name') ?? match?.[2] ?? 'unnamed';
    const value = { name, at: { file: reader.file, line: item.line } };
    sink.addSatellite({ kind: 'maintenance-configuration', targetId, value });
    count++;
  });
  return count;
}
