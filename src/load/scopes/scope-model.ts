/**
 * @module The loaded model split into cluster scopes: inside a scope, an object defined in several inputs with
 * the same content is one object with all its locations, and with different content a conflict; duplicates
 * are told once per pair of files, not once per object.
 */
import type { ClusterModel, KubeObject, ObjectOrigin, SourceLocation } from '../../model/index.js';
import { canonicalContent, displayObject, isPodBearing } from '../../model/index.js';
import type { Diagnostic, InputRecord } from '../diagnostics.js';
import type { ClusterScopeMode, ScopeAssignment, ScopeSource } from './assign-scopes.js';
import { assignScopes } from './assign-scopes.js';

/** The inputs that form one cluster, and their model. */
export interface ClusterScope extends ScopeAssignment {
  readonly model: ClusterModel;
}

export interface ScopedModel {
  readonly mode: ClusterScopeMode;
  /** Sorted by name; empty when the inputs held nothing. */
  readonly scopes: readonly ClusterScope[];
  /** Every input as one cluster, its same-content duplicates kept once (the `all` scope). */
  readonly model: ClusterModel;
  /** One notice per pair of files that define the same objects; one warning per conflicting object. */
  readonly diagnostics: readonly Diagnostic[];
}

/** The API server identifies an object by group (not version), kind, namespace and name. */
export function objectIdentity(object: KubeObject): string | undefined {
  if (object.name === '') return undefined;
  const slash = object.apiVersion.indexOf('/');
  const group = slash === -1 ? '' : object.apiVersion.slice(0, slash);
  return `${group}\0${object.kind}\0${object.namespace ?? ''}\0${object.name}`;
}

const at = (location: SourceLocation): string => `${location.file}:${String(location.line)}`;

/** `objectIdentity` of each object, in order: the scopes ask for it several times, as keys of maps. */
type Identities = readonly (string | undefined)[];

function sourcesOf(
  model: ClusterModel,
  inputs: readonly InputRecord[],
  objectIdentities: Identities,
): ScopeSource[] {
  const kustomizations = new Set(inputs.filter((i) => i.format === 'kustomize').map((i) => i.file));
  const sources = new Map<string, { kind: ScopeSource['kind']; identities: Set<string> }>();
  const add = (file: string, kind: ScopeSource['kind']): Set<string> => {
    const found = sources.get(file);
    if (found !== undefined) {
      if (kind === 'cluster') found.kind = 'cluster';
      return found.identities;
    }
    const identities = new Set<string>();
    sources.set(file, { kind: kustomizations.has(file) ? 'kustomization' : kind, identities });
    return identities;
  };
  model.objects.forEach((object, i) => {
    const identities = add(object.origin.input ?? object.origin.file, 'manifest');
    const identity = objectIdentities[i];
    // Alternative installs are told by the workloads they both define: a Namespace or a ConfigMap declared
    // again in each file of one app does not make the files alternatives.
    if (identity !== undefined && isPodBearing(object.kind)) identities.add(identity);
  });
  for (const cluster of model.clusters) add(cluster.at.file, 'cluster');
  for (const assignment of model.roleAssignments) add(assignment.at.file, 'manifest');
  for (const definition of model.roleDefinitions) if (definition.at) add(definition.at.file, 'manifest');
  return [...sources].map(([file, { kind, identities }]) => ({ file, kind, identities }));
}

/**
 * The model of some files. Custom role definitions without a file, and inline ignores in a file no scope
 * holds (`variables.tf` beside the `main.tf` of a cluster), are in every scope: they apply where they match.
 */
function subModel(
  model: ClusterModel,
  files: ReadonlySet<string>,
  scoped: ReadonlySet<string>,
): ClusterModel {
  return {
    clusters: model.clusters.filter((c) => files.has(c.at.file)),
    objects: model.objects.filter((o) => files.has(o.origin.input ?? o.origin.file)),
    inlineIgnores: model.inlineIgnores.filter((i) => files.has(i.at.file) || !scoped.has(i.at.file)),
    roleAssignments: model.roleAssignments.filter((a) => files.has(a.at.file)),
    roleDefinitions: model.roleDefinitions.filter((d) => d.at === undefined || files.has(d.at.file)),
    locate: model.locate,
  };
}

interface Deduped {
  readonly objects: readonly KubeObject[];
  readonly conflicts: readonly Diagnostic[];
}

/**
 * Same identity and content: one object, the first, with the others as its copies. Same identity, other
 * content: both kept, and one warning naming both (the scope holds two different objects of one name).
 */
function dedupe(
  objects: readonly KubeObject[],
  identities: Identities,
  scopeName: string | undefined,
): Deduped {
  const firsts = new Map<string, { object: KubeObject; copies: ObjectOrigin[] }>();
  const conflicts: Diagnostic[] = [];
  const kept: (KubeObject | string)[] = [];
  objects.forEach((object, i) => {
    const identity = identities[i];
    if (identity === undefined) {
      kept.push(object);
      return;
    }
    const first = firsts.get(identity);
    if (first === undefined) {
      firsts.set(identity, { object, copies: [] });
      kept.push(identity);
    } else if (canonicalContent(first.object.body) === canonicalContent(object.body)) {
      first.copies.push(object.origin);
    } else {
      const where = scopeName === undefined ? '' : ` (cluster scope ${scopeName})`;
      conflicts.push({
        code: 'duplicate-object',
        level: 'warning',
        message: `${displayObject(object)} (${object.apiVersion}) is defined differently at ${at(first.object.origin.at)} and here${where}; both are kept`,
        file: object.origin.at.file,
        line: object.origin.at.line,
      });
      kept.push(object);
    }
  });
  return {
    objects: kept.map((entry) => {
      if (typeof entry !== 'string') return entry;
      const first = firsts.get(entry);
      if (first === undefined) throw new Error('dedupe: identity without a first object');
      return first.copies.length === 0 ? first.object : { ...first.object, copies: first.copies };
    }),
    conflicts,
  };
}

interface PairCount {
  readonly first: string;
  readonly other: string;
  readonly line: number;
  count: number;
  differing: number;
  readonly sameScope: boolean;
}

/** "412 objects of install.yaml also in namespace-install.yaml": one notice per pair of files, in input order. */
function pairNotices(
  objects: readonly KubeObject[],
  scopeOf: (file: string) => string | undefined,
  identities: Identities,
): Diagnostic[] {
  // The content is compared only for duplicates: most objects are defined once.
  const firsts = new Map<string, KubeObject>();
  const pairs = new Map<string, PairCount>();
  objects.forEach((object, i) => {
    const identity = identities[i];
    if (identity === undefined) return;
    const firstObject = firsts.get(identity);
    if (firstObject === undefined) {
      firsts.set(identity, object);
      return;
    }
    // A rendered object is told by the input that rendered it (its kustomization), not its source file.
    const first = { file: firstObject.origin.input ?? firstObject.origin.file };
    const other = object.origin.input ?? object.origin.file;
    const key = `${first.file}\0${other}`;
    const pair = pairs.get(key) ?? {
      first: first.file,
      other,
      line: object.origin.at.line,
      count: 0,
      differing: 0,
      sameScope: scopeOf(first.file) === scopeOf(other),
    };
    pair.count += 1;
    if (canonicalContent(firstObject.body) !== canonicalContent(object.body)) pair.differing += 1;
    pairs.set(key, pair);
  });
  return [...pairs.values()].map((pair) => {
    const objectsOf = `${String(pair.count)} object${pair.count === 1 ? '' : 's'} of ${pair.first}`;
    const where = pair.first === pair.other ? 'defined again in the same file' : `also in ${pair.other}`;
    const differing = pair.differing === 0 ? '' : `, ${String(pair.differing)} with different content`;
    const outcome = pair.sameScope
      ? pair.differing === pair.count
        ? 'both kept (see the warnings)'
        : 'the same ones kept once with both locations'
      : `in separate cluster scopes (${scopeOf(pair.first) ?? '?'}, ${scopeOf(pair.other) ?? '?'})`;
    return {
      code: 'duplicate-object',
      level: 'info',
      message: `${objectsOf} ${where}${differing}: ${outcome}`,
      file: pair.other,
      line: pair.line,
    } satisfies Diagnostic;
  });
}

/** Splits the loaded model into the scopes of `mode`, with duplicates collapsed and told once per file pair. */
export function scopeModel(
  model: ClusterModel,
  inputs: readonly InputRecord[],
  mode: ClusterScopeMode,
): ScopedModel {
  const identities = model.objects.map(objectIdentity);
  const assignments = assignScopes(sourcesOf(model, inputs, identities), mode);
  const scopeByFile = new Map<string, string>();
  const scopeFiles = new Set(assignments.flatMap((scope) => scope.files));
  for (const scope of assignments) for (const file of scope.files) scopeByFile.set(file, scope.name);
  const diagnostics: Diagnostic[] = pairNotices(model.objects, (file) => scopeByFile.get(file), identities);
  const named = assignments.length > 1;
  const scopes = assignments.map((assignment) => {
    const files = new Set(assignment.files);
    const part = subModel(model, files, scopeFiles);
    // The identities of `part.objects`, picked as `subModel` picks them.
    const partIdentities = identities.filter((_, i) => {
      const object = model.objects[i];
      return object !== undefined && files.has(object.origin.input ?? object.origin.file);
    });
    const { objects, conflicts } = dedupe(part.objects, partIdentities, named ? assignment.name : undefined);
    diagnostics.push(...conflicts);
    return { ...assignment, model: { ...part, objects } };
  });
  const [only] = scopes;
  const whole =
    scopes.length === 1 && only !== undefined
      ? only.model
      : { ...model, objects: dedupe(model.objects, identities, undefined).objects };
  return { mode, scopes, model: whole, diagnostics };
}
