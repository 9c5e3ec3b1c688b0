/** @module Kubernetes API audit logs as evidence of the rights identities use. */
export type { AuditEvent, AuditObjectRef, AuditUser, ResponseStage } from './audit-event.js';
export { effectiveUser, isForbidden, isUnauthenticated, readAuditEvent } from './audit-event.js';
export type { AuditLog, AuditLogStats, AuditSource } from './parse-audit-log.js';
export { parseAuditLog } from './parse-audit-log.js';
export { AUDIT_LOG_LIMITS, readAuditLog } from './read-audit-log.js';
