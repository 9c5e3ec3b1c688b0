/** @module The collector every format loader writes into; load-inputs turns it into the model. */
import type {
  AksCluster,
  AzureRoleAssignment,
  AzureRoleDefinition,
  DiagnosticSetting,
  InlineIgnore,
  KubeObject,
  MaintenanceConfiguration,
  ObjectOrigin,
} from '../model/index.js';
import type { Diagnostic, InputRecord } from './diagnostics.js';
import type { LoadLimits } from './limits.js';
import type { PositionIndex } from './manifests/position-index.js';
import type { RenderedLayers } from './source-texts.js';

/**
 * A resource defined apart from its cluster (a diagnostic setting in another file), attached to the
 * cluster whose `id` equals `targetId` (case-insensitively) once every input is read.
 */
export type Satellite =
  | { readonly kind: 'diagnostic-setting'; readonly targetId: string; readonly value: DiagnosticSetting }
  | {
      readonly kind: 'maintenance-configuration';
      readonly targetId: string;
      readonly value: MaintenanceConfiguration;
    };

export interface LoadSink {
  readonly limits: LoadLimits;
  /**
   * The namespace of namespaced objects that name none (`--namespace`, as `kubectl apply -n`). Unset: they
   * keep no namespace, which the model reads as `default`.
   */
  readonly defaultNamespace?: string;
  addObject(object: KubeObject): void;
  addCluster(cluster: AksCluster): void;
  addSatellite(satellite: Satellite): void;
  addRoleAssignment(assignment: AzureRoleAssignment): void;
  addRoleDefinition(definition: AzureRoleDefinition): void;
  addInlineIgnore(ignore: InlineIgnore): void;
  addDiagnostic(diagnostic: Diagnostic): void;
  addInput(record: InputRecord): void;
  /** Keeps a YAML/JSON text so object paths can be turned into lines later. */
  registerText(file: string, text: string): void;
  /**
   * Keeps where the keys of a parsed YAML document (or of List item `item`) are, so its paths become
   * lines without parsing it again. Optional: without it, the locator re-parses the registered text.
   */
  registerPositions?(
    file: string,
    documentIndex: number,
    item: number | undefined,
    index: PositionIndex,
  ): void;
  /** Keeps the source documents of a rendered object (kustomize), so its paths become their lines. */
  registerLayers?(origin: ObjectOrigin, layers: RenderedLayers): void;
}
