/** @module One decoded manifest value into a `KubeObject`, or a diagnostic saying why it is not one. */
import { posix } from 'node:path';
import type { JsonObject, KubeObject, PathSegment, SourceLocation } from '../../model/index.js';
import { NO_ENTRIES, displayObject, emptyRecord, stringAt } from '../../model/index.js';
import type { DiagnosticCode } from '../diagnostics.js';
import type { LoadSink } from '../load-sink.js';
import { malformedPodFields } from './pod-fields.js';
import { isClusterScopedKind } from './scope.js';

/** A decoded value and a way to turn a path inside it into a location. */
export interface ValueSource {
  readonly value: unknown;
  readonly locate: (path: readonly PathSegment[]) => SourceLocation;
}

/** Where the document lives; shared by every object read from it. */
export interface DocumentPlace {
  readonly file: string;
  readonly documentIndex: number;
  /** The `# Source:` template of Helm output. */
  readonly template?: string;
  /** Set for `kubectl kustomize` output: lines of the rendered stream mean nothing to the user. */
  readonly renderedFrom?: string;
  /** Counts the namespaced objects without `metadata.namespace`, for the input's record. */
  readonly tally?: NamespaceTally;
}

/** Namespaced objects of an input that name no namespace, placed in the default one. */
export interface NamespaceTally {
  defaulted: number;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** `kind: List` (kubectl's dumps) or a typed list (`PodList` from the API); both carry `items`. */
export function isListKind(kind: string): boolean {
  return kind === 'List' || kind.endsWith('List');
}

/** The location reported to the user: for rendered output, the kustomization itself. */
export function reportedAt(place: Pick<DocumentPlace, 'renderedFrom'>, at: SourceLocation): SourceLocation {
  return place.renderedFrom === undefined ? at : { file: at.file, line: 1 };
}

export function addDiagnostic(
  sink: LoadSink,
  code: DiagnosticCode,
  level: 'error' | 'warning' | 'info',
  message: string,
  at: SourceLocation,
): void {
  sink.addDiagnostic({
    code,
    level,
    message,
    file: at.file,
    line: at.line,
    ...(at.column === undefined ? {} : { column: at.column }),
  });
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a sequence';
  return typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
}

/** Labels and annotations decode into `map[string]string`: a number or boolean (`yes`) is rejected by the API server. */
function stringMap(
  object: Record<string, unknown>,
  field: 'labels' | 'annotations',
  context: { display: string; place: DocumentPlace; source: ValueSource; sink: LoadSink },
): Readonly<Record<string, string>> {
  const value = object[field];
  // Go decodes JSON null into an empty map and into an empty string.
  if (value === undefined || value === null) return NO_ENTRIES;
  const entries = isPlainObject(value) ? Object.entries(value) : undefined;
  const bad = entries?.find(([, entry]) => typeof entry !== 'string' && entry !== null);
  if (entries?.length === 0) return NO_ENTRIES;
  if (entries !== undefined && bad === undefined) {
    const map = emptyRecord<string>();
    for (const [key, entry] of entries) map[key] = typeof entry === 'string' ? entry : '';
    return map;
  }
  const what =
    bad === undefined
      ? `it is ${describeType(value)}`
      : `key "${bad[0]}" holds ${describeType(bad[1])}; quote the value`;
  const path = ['metadata', field, ...(bad === undefined ? [] : [bad[0]])];
  addDiagnostic(
    context.sink,
    'wrong-type',
    'warning',
    `metadata.${field} of ${context.display} must map strings to strings (${what}); ignored`,
    reportedAt(context.place, context.source.locate(path)),
  );
  return NO_ENTRIES;
}

function stringField(
  metadata: Record<string, unknown>,
  field: 'name' | 'namespace' | 'generateName',
  report: (message: string, path: readonly PathSegment[]) => void,
): string | undefined {
  const value = metadata[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value === '' ? undefined : value;
  report(`metadata.${field} must be a string, not ${describeType(value)}; ignored`, ['metadata', field]);
  return undefined;
}

/** The object's `config.kubernetes.io/origin` annotation (kustomize `buildMetadata: [originAnnotations]`). */
function kustomizeOrigin(
  annotations: Readonly<Record<string, string>>,
  place: DocumentPlace,
): string | undefined {
  const origin = stringAt(annotations, 'config.kubernetes.io/origin');
  const path = origin === undefined ? undefined : /^path:\s*(\S.*?)\s*$/m.exec(origin)?.[1];
  if (path === undefined || place.renderedFrom === undefined) return undefined;
  return posix.normalize(posix.join(place.renderedFrom, path));
}

/**
 * Turns a decoded value into a `KubeObject` and adds it to the sink. `list` is the enclosing typed
 * list, whose items may omit `apiVersion` and `kind` (`PodList` items, as the API returns them).
 */
export function emitObject(
  source: ValueSource,
  place: DocumentPlace,
  basePath: readonly PathSegment[],
  sink: LoadSink,
  list?: { readonly apiVersion: string; readonly kind: string },
): number {
  const at = reportedAt(place, source.locate([]));
  let value = source.value;
  if (isPlainObject(value) && list !== undefined && list.kind !== 'List') {
    value = { apiVersion: list.apiVersion, kind: list.kind.slice(0, -'List'.length), ...value };
  }
  if (!isPlainObject(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') {
    const what = isPlainObject(value) ? 'a mapping without string apiVersion and kind' : describeType(value);
    const where =
      basePath.length === 0 ? `document ${place.documentIndex + 1}` : `item ${String(basePath[1])}`;
    addDiagnostic(sink, 'not-kubernetes', 'warning', `${where} is not a Kubernetes object (${what})`, at);
    return 0;
  }
  sink.addObject(
    toKubeObject(value as JsonObject & { apiVersion: string; kind: string }, source, place, basePath, sink),
  );
  return 1;
}

function toKubeObject(
  body: JsonObject & { apiVersion: string; kind: string },
  source: ValueSource,
  place: DocumentPlace,
  basePath: readonly PathSegment[],
  sink: LoadSink,
): KubeObject {
  const report = (message: string, path: readonly PathSegment[]): void => {
    addDiagnostic(sink, 'wrong-type', 'warning', message, reportedAt(place, source.locate(path)));
  };
  const rawMetadata = body.metadata;
  if (rawMetadata !== undefined && rawMetadata !== null && !isPlainObject(rawMetadata)) {
    report(`metadata of a ${body.kind} must be a mapping, not ${describeType(rawMetadata)}; ignored`, [
      'metadata',
    ]);
  }
  const metadata = isPlainObject(rawMetadata) ? rawMetadata : {};
  const name = stringField(metadata, 'name', report) ?? stringField(metadata, 'generateName', report) ?? '';
  const stated = stringField(metadata, 'namespace', report);
  const defaulted = stated === undefined && !isClusterScopedKind(body.apiVersion, body.kind);
  if (defaulted && place.tally !== undefined) place.tally.defaulted++;
  const namespace = defaulted ? sink.defaultNamespace : stated;
  const display = displayObject({ kind: body.kind, name, namespace });
  const context = { display, place, source, sink };
  const labels = stringMap(metadata, 'labels', context);
  const annotations = stringMap(metadata, 'annotations', context);
  const template = place.template ?? kustomizeOrigin(annotations, place);
  const at = { ...reportedAt(place, source.locate([])), ...(template === undefined ? {} : { template }) };
  const malformed = malformedPodFields(body.kind, body);
  for (const field of malformed)
    report(`${display}: ${field.problem}; the rules that read it do not assess this object`, field.path);
  return {
    apiVersion: body.apiVersion,
    kind: body.kind,
    name,
    namespace,
    labels,
    annotations,
    body,
    origin: { file: place.file, documentIndex: place.documentIndex, basePath, at },
    ...(malformed.length === 0 ? {} : { malformed }),
  };
}
