/** Test helpers for the RBAC engine: manifests to KubeObjects without the (separately owned) loaders. */
import { LineCounter, parseAllDocuments } from 'yaml';
import type { AzureRoleAssignment, AzureRoleDefinition } from '../../../src/model/azure-rbac.js';
import type { AksCluster, ClusterModel, KubeObject } from '../../../src/model/index.js';
import { isObject, stringMapAt } from '../../../src/model/index.js';
import type { RbacAnalysis } from '../../../src/analysis/rbac/rbac-analysis.js';
import { parseRequest } from '../../../src/analysis/rbac/parse-request.js';
import { userInfo } from '../../../src/analysis/rbac/user-info.js';

function toObject(
  body: Record<string, unknown>,
  file: string,
  documentIndex: number,
  line: number,
): KubeObject | undefined {
  const metadata = isObject(body.metadata) ? body.metadata : {};
  if (typeof body.kind !== 'string' || typeof body.apiVersion !== 'string') return undefined;
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
  return {
    apiVersion: body.apiVersion,
    kind: body.kind,
    name: typeof metadata.name === 'string' ? metadata.name : '',
    namespace,
    labels: stringMapAt(metadata, 'labels'),
    annotations: stringMapAt(metadata, 'annotations'),
    body,
    origin: { file, documentIndex, basePath: [], at: { file, line } },
  };
}

/** A KubeObject from a decoded manifest body (for generated inputs). */
export function kubeObject(body: Record<string, unknown>, file = 'generated.yaml', index = 0): KubeObject {
  const object = toObject(body, file, index, index + 1);
  if (!object) throw new Error('not a Kubernetes object');
  return object;
}

/** Every object of a multi-document YAML text, with the line of each document's first key. */
export function objectsFromYaml(text: string, file = 'test.yaml'): KubeObject[] {
  const lines = new LineCounter();
  const out: KubeObject[] = [];
  parseAllDocuments(text, { lineCounter: lines }).forEach((doc, index) => {
    const value: unknown = doc.toJSON();
    if (!isObject(value)) return;
    const start = doc.contents?.range[0] ?? 0;
    const object = toObject(value, file, index, lines.linePos(start).line);
    if (object) out.push(object);
  });
  return out;
}

export interface ModelParts {
  readonly objects?: readonly KubeObject[];
  readonly clusters?: readonly AksCluster[];
  readonly roleAssignments?: readonly AzureRoleAssignment[];
  readonly roleDefinitions?: readonly AzureRoleDefinition[];
}

export function modelOf(parts: ModelParts): ClusterModel {
  const model = {
    clusters: parts.clusters ?? [],
    objects: parts.objects ?? [],
    inlineIgnores: [],
    locate: (origin: KubeObject['origin']) => origin.at,
    roleAssignments: parts.roleAssignments ?? [],
    roleDefinitions: parts.roleDefinitions ?? [],
  };
  return model;
}

export function decisionFor(analysis: RbacAnalysis, question: string) {
  const words = question
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/^'(.*)'$/, '$1'));
  const positional: string[] = [];
  let namespace: string | undefined;
  let as = '';
  let all = false;
  const groups: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word === '-n') namespace = words[++i];
    else if (word === '-A') all = true;
    else if (word === '--as') as = words[++i] ?? '';
    else if (word === '--as-group') groups.push(words[++i] ?? '');
    else positional.push(word);
  }
  const [verb = '', resource = '', name] = positional;
  const parsed = parseRequest({
    verb,
    resource,
    ...(name ? { name } : {}),
    ...(namespace ? { namespace } : {}),
    allNamespaces: all,
  });
  if (!parsed.ok) throw new Error(parsed.error);
  return analysis.canI(userInfo(as, groups), parsed.request);
}
