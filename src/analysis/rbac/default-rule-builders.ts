/** @module Compact builders for the bootstrap-policy data: one line per rule, as the policy source writes them. */
import { selectorForLabels } from '../../model/index.js';
import type { PolicyRule, RbacRole } from './types.js';

export const READ = ['get', 'list', 'watch'] as const;
/** The write verbs the bootstrap policy grants in `edit` (no get/list/watch: those come from `view`). */
export const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'] as const;
export const READ_WRITE = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
] as const;

export const BOOTSTRAP_LABELS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' } as const;

/** A resource rule: `rule(verbs, apiGroups, resources, resourceNames?)`. */
export function rule(
  verbs: readonly string[],
  apiGroups: readonly string[],
  resources: readonly string[],
  resourceNames: readonly string[] = [],
): PolicyRule {
  return { verbs, apiGroups, resources, resourceNames, nonResourceURLs: [] };
}

/** A non-resource rule. */
export function urls(verbs: readonly string[], nonResourceURLs: readonly string[]): PolicyRule {
  return { verbs, apiGroups: [], resources: [], resourceNames: [], nonResourceURLs };
}

export function clusterRole(
  name: string,
  rules: readonly PolicyRule[],
  labels: Readonly<Record<string, string>> = {},
): RbacRole {
  return { kind: 'ClusterRole', name, labels: { ...BOOTSTRAP_LABELS, ...labels }, rules, isDefault: true };
}

/** A ClusterRole whose rules the aggregation controller fills from roles labelled `<label>: "true"`. */
export function aggregatingRole(
  name: string,
  selectLabel: string,
  labels: Readonly<Record<string, string>> = {},
): RbacRole {
  return {
    ...clusterRole(name, [], labels),
    aggregationSelectors: [selectorForLabels({ [selectLabel]: 'true' })],
  };
}
