/** @module metav1.LabelSelector matching, as `LabelSelectorAsSelector` builds it (empty selector: everything). */
import type { LabelSelector, LabelSelectorRequirement } from './types.js';

/** Undefined when the requirement is invalid (the API server rejects such a selector: it matches nothing). */
function requirementMatches(
  requirement: LabelSelectorRequirement,
  labels: Readonly<Record<string, string>>,
): boolean | undefined {
  const has = Object.hasOwn(labels, requirement.key);
  const value = labels[requirement.key];
  switch (requirement.operator) {
    case 'In':
      if (requirement.values.length === 0) return undefined;
      return has && value !== undefined && requirement.values.includes(value);
    case 'NotIn':
      if (requirement.values.length === 0) return undefined;
      return !has || value === undefined || !requirement.values.includes(value);
    case 'Exists':
      return requirement.values.length === 0 ? has : undefined;
    case 'DoesNotExist':
      return requirement.values.length === 0 ? !has : undefined;
    default:
      return undefined;
  }
}

export function selectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [key, wanted] of Object.entries(selector.matchLabels)) {
    if (!Object.hasOwn(labels, key) || labels[key] !== wanted) return false;
  }
  for (const requirement of selector.matchExpressions) {
    if (requirementMatches(requirement, labels) !== true) return false;
  }
  return true;
}
