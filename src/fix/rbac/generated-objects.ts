/** @module The narrow Role/ClusterRole and binding of one subject and scope, as objects and as commented YAML. */
import { Document, isScalar, visit } from 'yaml';
import type { JsonObject, KubeObject } from '../../model/index.js';
import type { PolicyRule } from '../../analysis/rbac/types.js';
import type { GeneratedFile, SubjectRef } from './types.js';

const RBAC_V1 = 'rbac.authorization.k8s.io/v1';
const RBAC_GROUP = 'rbac.authorization.k8s.io';

function ruleObject(rule: PolicyRule): JsonObject {
  if (rule.nonResourceURLs.length > 0)
    return { nonResourceURLs: [...rule.nonResourceURLs], verbs: [...rule.verbs] };
  return {
    apiGroups: [...rule.apiGroups],
    resources: [...rule.resources],
    ...(rule.resourceNames.length > 0 ? { resourceNames: [...rule.resourceNames] } : {}),
    verbs: [...rule.verbs],
  };
}

function subjectObject(subject: SubjectRef): JsonObject {
  if (subject.kind === 'ServiceAccount') {
    return { kind: 'ServiceAccount', name: subject.name, namespace: subject.namespace ?? '' };
  }
  return { apiGroup: RBAC_GROUP, kind: subject.kind, name: subject.name };
}

/** `default` for shop's default SA in shop; `shop-default` elsewhere and cluster-wide. */
export function objectName(subject: SubjectRef, namespace: string): string {
  const base =
    subject.kind === 'ServiceAccount' && subject.namespace === namespace ? subject.name : subject.slug;
  return `${base}-narrow`;
}

export function filePath(subject: SubjectRef, namespace: string): string {
  return `rbac/${namespace === '' ? 'cluster' : namespace}/${subject.slug}-narrow.yaml`;
}

export interface NarrowObjects {
  readonly role: JsonObject;
  readonly binding: JsonObject;
}

export function narrowObjects(
  subject: SubjectRef,
  namespace: string,
  rules: readonly PolicyRule[],
  replaces: readonly string[],
): NarrowObjects {
  const name = objectName(subject, namespace);
  const cluster = namespace === '';
  // Each object gets its own metadata: a shared one would come out as a YAML alias.
  const metadata = () => ({
    name,
    ...(cluster ? {} : { namespace }),
    annotations: { 'aksward.io/narrows': replaces.join(', ') },
  });
  const role: JsonObject = {
    apiVersion: RBAC_V1,
    kind: cluster ? 'ClusterRole' : 'Role',
    metadata: metadata(),
    rules: rules.map(ruleObject),
  };
  const binding: JsonObject = {
    apiVersion: RBAC_V1,
    kind: cluster ? 'ClusterRoleBinding' : 'RoleBinding',
    metadata: metadata(),
    roleRef: { apiGroup: RBAC_GROUP, kind: cluster ? 'ClusterRole' : 'Role', name },
    subjects: [subjectObject(subject)],
  };
  return { role, binding };
}

/** One document; lists of plain values in flow style (`verbs: [get, list, watch]`), as Kubernetes docs write rules. */
function toYaml(object: JsonObject): string {
  const document = new Document(object);
  visit(document, {
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Documents joined by `---`, under a `#` header; keys keep the order Kubernetes manifests use. */
export function renderFile(
  path: string,
  header: readonly string[],
  objects: readonly JsonObject[],
): GeneratedFile {
  const comment = header.map((line) => `# ${line}`.trimEnd()).join('\n');
  const body = objects.map(toYaml).join('---\n');
  return { path, objects, text: `${comment}\n${body}` };
}

/** The file's objects as the model holds manifests, each at the line its document starts. */
export function kubeObjectsOf(file: GeneratedFile): KubeObject[] {
  const lines = file.text.split('\n');
  const starts: number[] = [];
  let inDocument = false;
  lines.forEach((line, i) => {
    if (line === '---') inDocument = false;
    else if (!inDocument && line !== '' && !line.startsWith('#')) {
      starts.push(i + 1);
      inDocument = true;
    }
  });
  return file.objects.map((body, documentIndex) => {
    const metadata = body['metadata'] as Record<string, unknown>;
    const namespace = metadata['namespace'];
    const at = { file: file.path, line: starts[documentIndex] ?? 1 };
    return {
      apiVersion: String(body['apiVersion']),
      kind: String(body['kind']),
      name: String(metadata['name']),
      namespace: typeof namespace === 'string' ? namespace : undefined,
      labels: {},
      annotations: (metadata['annotations'] ?? {}) as Record<string, string>,
      body,
      origin: { file: file.path, documentIndex, basePath: [], at },
    };
  });
}
