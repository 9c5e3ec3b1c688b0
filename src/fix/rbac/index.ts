/** @module Narrow RBAC from evidence: the library the `fix` command's plan builder calls. */
export type {
  AuditEvidence,
  AuditEvidenceEvent,
  AuditedUsage,
  EvidenceWindow,
  UsedRequest,
} from './audit-evidence.js';
export { auditedUsage } from './audit-evidence.js';
export type { BroadGrant, BroadReason, RbacRuleId } from './broad-grants.js';
export { findBroadGrants } from './broad-grants.js';
export { canICommand } from './can-i-command.js';
export { KNOWN_CONTROLLERS } from './manifest-evidence.js';
export { MAX_RESOURCE_NAMES, narrowRules } from './narrow-rules.js';
export type { NarrowOptions } from './plan-rbac-narrowing.js';
export { objectsAfter } from './objects-after.js';
export { planRbacNarrowing } from './plan-rbac-narrowing.js';
export type * from './types.js';
