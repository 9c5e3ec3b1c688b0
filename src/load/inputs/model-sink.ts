/** @module The `LoadSink` every loader writes into, and the `ClusterModel` it builds once all inputs are read. */
import type {
  AksCluster,
  AzureRoleAssignment,
  AzureRoleDefinition,
  ClusterModel,
  InlineIgnore,
  KubeObject,
  Setting,
  SourceLocation,
} from '../../model/index.js';
import type { Diagnostic, InputRecord } from '../diagnostics.js';
import type { LoadLimits } from '../limits.js';
import type { LoadSink, Satellite } from '../load-sink.js';
import { createSourceTexts } from '../source-texts.js';

export interface LoadResult {
  readonly model: ClusterModel;
  readonly diagnostics: Diagnostic[];
  readonly inputs: InputRecord[];
}

export interface ModelSink extends LoadSink {
  /** The model, diagnostics and input records; satellites are attached to their clusters here. */
  result(): LoadResult;
}

export function createModelSink(limits: LoadLimits, defaultNamespace?: string): ModelSink {
  const objects: KubeObject[] = [];
  const clusters: AksCluster[] = [];
  const satellites: Satellite[] = [];
  const inlineIgnores: InlineIgnore[] = [];
  const roleAssignments: AzureRoleAssignment[] = [];
  const roleDefinitions: AzureRoleDefinition[] = [];
  const diagnostics: Diagnostic[] = [];
  const inputs: InputRecord[] = [];
  const texts = createSourceTexts();
  return {
    limits,
    ...(defaultNamespace === undefined ? {} : { defaultNamespace }),
    // Objects defined in several inputs are told apart once the cluster scopes are known (`scopeModel`).
    addObject: (object) => objects.push(object),
    addCluster: (cluster) => clusters.push(cluster),
    addSatellite: (satellite) => satellites.push(satellite),
    addRoleAssignment: (assignment) => roleAssignments.push(assignment),
    addRoleDefinition: (definition) => roleDefinitions.push(definition),
    addInlineIgnore: (ignore) => inlineIgnores.push(ignore),
    addDiagnostic: (diagnostic) => diagnostics.push(diagnostic),
    addInput: (record) => inputs.push(record),
    registerText: (file, text) => {
      texts.register(file, text);
    },
    registerPositions: (file, documentIndex, item, index) => {
      texts.registerPositions(file, documentIndex, item, index);
    },
    registerLayers: (origin, layers) => {
      texts.registerLayers(origin, layers);
    },
    result() {
      const attached = attachSatellites(clusters, satellites, diagnostics);
      return {
        model: {
          clusters: attached,
          objects,
          inlineIgnores,
          roleAssignments,
          roleDefinitions,
          locate: texts.locate,
        },
        diagnostics,
        inputs,
      };
    },
  };
}

interface Named {
  readonly name: string;
  readonly at: SourceLocation;
}

/** Azure resource names are case-insensitive: the same setting found twice is kept once. */
function mergeStated<T extends Named>(
  setting: Setting<readonly T[]>,
  added: readonly T[],
): Setting<readonly T[]> {
  const current = setting.state === 'stated' ? setting.value : [];
  const merged: T[] = [];
  for (const item of [...current, ...added]) {
    if (!merged.some((kept) => kept.name.toLowerCase() === item.name.toLowerCase())) merged.push(item);
  }
  if (setting.state === 'stated') return { ...setting, value: merged };
  // Unknown or defaulted (the definition alone cannot say): a resource found elsewhere states it.
  const at = added[0]?.at ?? setting.at;
  return { state: 'stated', path: setting.path, at, value: merged };
}

/**
 * ARM resource ids are case-insensitive (`az` itself prints `resourcegroups` in some ids and `resourceGroups`
 * in others), and a trailing slash does not change the resource.
 */
const sameResourceId = (a: string, b: string): boolean =>
  a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();

/** Attaches each satellite to the clusters whose id matches its target, case-insensitively (ARM ids are). */
function attachSatellites(
  clusters: readonly AksCluster[],
  satellites: readonly Satellite[],
  diagnostics: Diagnostic[],
): AksCluster[] {
  const matched = new Set<Satellite>();
  const result = clusters.map((cluster) => {
    const mine = satellites.filter((satellite) => sameResourceId(satellite.targetId, cluster.id));
    mine.forEach((satellite) => matched.add(satellite));
    const settings = mine.flatMap((s) => (s.kind === 'diagnostic-setting' ? [s.value] : []));
    const maintenance = mine.flatMap((s) => (s.kind === 'maintenance-configuration' ? [s.value] : []));
    return {
      ...cluster,
      ...(settings.length === 0
        ? {}
        : { diagnosticSettings: mergeStated(cluster.diagnosticSettings, settings) }),
      ...(maintenance.length === 0
        ? {}
        : { maintenanceConfigurations: mergeStated(cluster.maintenanceConfigurations, maintenance) }),
    };
  });
  for (const satellite of satellites) {
    if (matched.has(satellite)) continue;
    const { at, name } = satellite.value;
    const message = `${satellite.kind} "${name}" targets ${satellite.targetId}, which no input defines; not attached`;
    diagnostics.push({ code: 'unresolved-value', level: 'info', message, file: at.file, line: at.line });
  }
  return result;
}
