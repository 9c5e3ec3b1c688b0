/** @module The tenancy rules, in id order. */
import type { AnyRule } from '../define-rule.js';
import noWorkloadsInSystemNamespaces from './no-workloads-in-system-namespaces.js';
import requireLimitRange from './require-limit-range.js';
import requireResourceLimits from './require-resource-limits.js';
import requireResourceQuota from './require-resource-quota.js';
import requireTenantNodeIsolation from './require-tenant-node-isolation.js';

export const rules: readonly AnyRule[] = [
  noWorkloadsInSystemNamespaces,
  requireLimitRange,
  requireResourceLimits,
  requireResourceQuota,
  requireTenantNodeIsolation,
];
