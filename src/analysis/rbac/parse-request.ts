/**
 * @module A request from command-line words, following `kubectl auth can-i`: `VERB RESOURCE[/SUB] [NAME]`
 * or `VERB /non-resource-url`; namespaced resources default to the `default` namespace.
 */
import { lookupResource } from './resources.js';
import type { AccessRequest } from './types.js';

export interface RequestWords {
  readonly verb: string;
  /** `pods`, `pods/exec`, `deployments.apps/scale`, `*`, or a URL path starting with `/`. */
  readonly resource: string;
  readonly name?: string;
  readonly namespace?: string;
  /** `-A`: every namespace (the request's namespace is empty). */
  readonly allNamespaces?: boolean;
}

export type ParsedRequest =
  | { readonly ok: true; readonly request: AccessRequest; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly error: string };

export function parseRequest(words: RequestWords): ParsedRequest {
  const verb = words.verb.trim();
  if (verb === '') return { ok: false, error: 'a verb is required' };
  if (words.resource.startsWith('/')) {
    if (words.name !== undefined) return { ok: false, error: 'a non-resource URL takes no name' };
    return { ok: true, request: { kind: 'non-resource', verb, path: words.resource }, warnings: [] };
  }
  const [typeText = '', subresource = '', ...rest] = words.resource.split('/');
  if (typeText === '' || rest.length > 0)
    return { ok: false, error: `"${words.resource}" is not RESOURCE[/SUBRESOURCE]` };
  const warnings: string[] = [];
  const wildcard = typeText === '*';
  const { type, known } = wildcard
    ? { type: { resource: '*', group: '*', namespaced: true, aliases: [] }, known: true }
    : lookupResource(typeText);
  if (!known) {
    const group = type.group === '' ? 'the core group' : `group ${type.group}`;
    warnings.push(
      `resource "${typeText}" is not a built-in resource; assuming a namespaced resource in ${group}`,
    );
  }
  const namespace = !type.namespaced || words.allNamespaces === true ? '' : (words.namespace ?? 'default');
  const request: AccessRequest = {
    kind: 'resource',
    verb,
    apiGroup: type.group,
    resource: type.resource,
    subresource,
    name: words.name ?? '',
    namespace,
  };
  return { ok: true, request, warnings };
}

/** `get secrets in namespace shop`, `create pods/exec named web-1 in namespace shop`, `get /healthz`. */
export function describeRequest(request: AccessRequest): string {
  if (request.kind === 'non-resource') return `${request.verb} ${request.path}`;
  const group = request.apiGroup === '' || request.apiGroup === '*' ? '' : `.${request.apiGroup}`;
  const sub = request.subresource === '' ? '' : `/${request.subresource}`;
  const name = request.name === '' ? '' : ` named ${request.name}`;
  const where = request.namespace === '' ? ' cluster-wide' : ` in namespace ${request.namespace}`;
  return `${request.verb} ${request.resource}${group}${sub}${name}${where}`;
}
