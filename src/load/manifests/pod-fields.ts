/**
 * @module The fields of a pod-bearing object the rules read, checked once when the object is read: a
 * field of the wrong type (a pod `spec` that is a list, `containers` a mapping, `securityContext` a string)
 * is a `wrong-type` diagnostic at its line and marks the object malformed, so rules report it not
 * assessed instead of passing it on the fields they could not read.
 */
import type { MalformedField, PathSegment } from '../../model/index.js';
import { podTemplatePath } from '../../model/index.js';

type Expected = 'mapping' | 'sequence' | 'string' | 'boolean' | 'integer';

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'a sequence';
  if (value === null) return 'null';
  return isMapping(value) ? 'a mapping' : `a ${typeof value}`;
}

function matches(value: unknown, expected: Expected): boolean {
  switch (expected) {
    case 'mapping':
      return isMapping(value);
    case 'sequence':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
  }
}

/** Pod spec fields the rules read, by type. */
const POD_SPEC: readonly (readonly [string, Expected])[] = [
  ['containers', 'sequence'],
  ['initContainers', 'sequence'],
  ['ephemeralContainers', 'sequence'],
  ['volumes', 'sequence'],
  ['securityContext', 'mapping'],
  ['hostNetwork', 'boolean'],
  ['hostPID', 'boolean'],
  ['hostIPC', 'boolean'],
  ['automountServiceAccountToken', 'boolean'],
  ['serviceAccountName', 'string'],
  ['nodeSelector', 'mapping'],
  ['tolerations', 'sequence'],
];

const CONTAINER: readonly (readonly [string, Expected])[] = [
  ['name', 'string'],
  ['image', 'string'],
  ['securityContext', 'mapping'],
  ['ports', 'sequence'],
  ['env', 'sequence'],
  ['envFrom', 'sequence'],
  ['volumeMounts', 'sequence'],
  ['resources', 'mapping'],
  ['livenessProbe', 'mapping'],
  ['readinessProbe', 'mapping'],
];

const SECURITY_CONTEXT: readonly (readonly [string, Expected])[] = [
  ['privileged', 'boolean'],
  ['allowPrivilegeEscalation', 'boolean'],
  ['readOnlyRootFilesystem', 'boolean'],
  ['runAsNonRoot', 'boolean'],
  ['runAsUser', 'integer'],
  ['capabilities', 'mapping'],
  ['seccompProfile', 'mapping'],
];

const LIST_ITEMS: Readonly<Record<string, Expected>> = {
  ports: 'mapping',
  env: 'mapping',
  envFrom: 'mapping',
  volumeMounts: 'mapping',
  volumes: 'mapping',
  tolerations: 'mapping',
};

function checkFields(
  value: Record<string, unknown>,
  table: readonly (readonly [string, Expected])[],
  path: readonly PathSegment[],
  out: MalformedField[],
): void {
  for (const [field, expected] of table) {
    const found = value[field];
    // absent and null are unset: the API server reads null as the field's zero value
    if (found === undefined || found === null) continue;
    if (!matches(found, expected)) {
      out.push({ path: [...path, field], problem: `${field} must be a ${expected}, not ${typeOf(found)}` });
      continue;
    }
    const item = LIST_ITEMS[field];
    if (item !== undefined && Array.isArray(found)) {
      found.forEach((element: unknown, index) => {
        if (!matches(element, item))
          out.push({
            path: [...path, field, index],
            problem: `${field}[${index}] must be a ${item}, not ${typeOf(element)}`,
          });
      });
    }
  }
}

function checkContainer(container: unknown, path: readonly PathSegment[], out: MalformedField[]): void {
  const name = String(path[path.length - 2]);
  if (!isMapping(container)) {
    const index = String(path[path.length - 1]);
    out.push({ path, problem: `${name}[${index}] must be a mapping, not ${typeOf(container)}` });
    return;
  }
  checkFields(container, CONTAINER, path, out);
  if (isMapping(container.securityContext))
    checkFields(container.securityContext, SECURITY_CONTEXT, [...path, 'securityContext'], out);
}

/** The API versions whose pod-bearing kinds have these fields: an unknown (future) version is not judged. */
const KNOWN_VERSIONS = new Set([
  'v1',
  'apps/v1',
  'apps/v1beta1',
  'apps/v1beta2',
  'extensions/v1beta1',
  'batch/v1',
  'batch/v1beta1',
]);

/** The malformed fields of a pod-bearing object (none for other kinds and unknown API versions). */
export function malformedPodFields(kind: string, body: Record<string, unknown>): MalformedField[] {
  const templatePath = podTemplatePath(kind);
  if (templatePath === undefined || !KNOWN_VERSIONS.has(String(body.apiVersion))) return [];
  const out: MalformedField[] = [];
  let node: unknown = body;
  const path: PathSegment[] = [];
  for (const key of [...templatePath, 'spec']) {
    const next: unknown = isMapping(node) ? node[key] : undefined;
    path.push(key);
    if (next === undefined || next === null) return out;
    if (!isMapping(next)) {
      out.push({ path: [...path], problem: `${key} must be a mapping, not ${typeOf(next)}` });
      return out;
    }
    node = next;
  }
  const spec = node as Record<string, unknown>;
  checkFields(spec, POD_SPEC, path, out);
  if (isMapping(spec.securityContext))
    checkFields(spec.securityContext, SECURITY_CONTEXT, [...path, 'securityContext'], out);
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    const containers = spec[list];
    if (Array.isArray(containers))
      containers.forEach((container: unknown, index) => {
        checkContainer(container, [...path, list, index], out);
      });
  }
  return out;
}
