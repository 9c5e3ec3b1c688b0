/**
 * @module One PolicyRule against one request, exactly as the RBAC authorizer decides it
 * (`pkg/apis/rbac/v1/evaluation_helpers.go`, `plugin/pkg/auth/authorizer/rbac/rbac.go` RuleAllows).
 * A request is allowed by a single rule or not at all: verbs of one rule never combine with
 * resources of another.
 */
import type { AccessRequest, NonResourceRequest, PolicyRule, ResourceRequest } from './types.js';

/** `*` or the exact verb; verbs are case-sensitive. */
export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === '*' || v === verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return rule.apiGroups.some((g) => g === '*' || g === group);
}

/**
 * `*` covers every resource and subresource; otherwise the rule names `resource` or `resource/sub`
 * exactly, or `*∕sub` covers that subresource of every resource. `pods/*` is a literal, not a wildcard.
 */
export function resourceMatches(rule: PolicyRule, resource: string, subresource: string): boolean {
  const combined = subresource === '' ? resource : `${resource}/${subresource}`;
  return rule.resources.some(
    (r) => r === '*' || r === combined || (subresource !== '' && r === `*/${subresource}`),
  );
}

/** An empty list allows every name; otherwise the request must name one of them. */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  return rule.resourceNames.length === 0 || rule.resourceNames.includes(name);
}

/** `*`, the exact path, or a trailing `*` as a prefix (`/healthz/*` matches `/healthz/etcd`, not `/healthz`). */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return rule.nonResourceURLs.some(
    (url) => url === '*' || url === path || (url.endsWith('*') && path.startsWith(url.replace(/\*+$/, ''))),
  );
}

/**
 * Create and deletecollection requests never carry an object name (the new object's name is not known
 * at authorization time), so a `resourceNames` rule never matches them. A list or watch carries one only
 * through a `metadata.name` field selector: the request's `name` stands for it.
 */
export function effectiveName(request: ResourceRequest): string {
  return request.verb === 'create' || request.verb === 'deletecollection' ? '' : request.name;
}

function resourceRuleAllows(rule: PolicyRule, request: ResourceRequest): boolean {
  return (
    verbMatches(rule, request.verb) &&
    apiGroupMatches(rule, request.apiGroup) &&
    resourceMatches(rule, request.resource, request.subresource) &&
    resourceNameMatches(rule, effectiveName(request))
  );
}

function nonResourceRuleAllows(rule: PolicyRule, request: NonResourceRequest): boolean {
  return verbMatches(rule, request.verb) && nonResourceURLMatches(rule, request.path);
}

export function ruleAllows(rule: PolicyRule, request: AccessRequest): boolean {
  return request.kind === 'resource'
    ? resourceRuleAllows(rule, request)
    : nonResourceRuleAllows(rule, request);
}
