/** @module The rule registry: every rule, by surface in the seeds' order, then by id. */
import type { AnyRule } from './define-rule.js';
import { rules as apiServer } from './api-server/index.js';
import { rules as attackPaths } from './attack-paths/index.js';
import { rules as identity } from './identity/index.js';
import { rules as k8sRbac } from './k8s-rbac/index.js';
import { rules as network } from './network/index.js';
import { rules as nodes } from './nodes/index.js';
import { rules as posture } from './posture/index.js';
import { rules as secrets } from './secrets/index.js';
import { rules as tenancy } from './tenancy/index.js';
import { rules as workloads } from './workloads/index.js';

export const allRules: readonly AnyRule[] = [
  ...apiServer,
  ...network,
  ...identity,
  ...k8sRbac,
  ...secrets,
  ...workloads,
  ...nodes,
  ...posture,
  ...tenancy,
  ...attackPaths,
];

export function findRule(id: string): AnyRule | undefined {
  return allRules.find((rule) => rule.id === id);
}
