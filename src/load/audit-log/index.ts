/** @module Kubernetes API audit logs as evidence of the rights identities use. */
export type { AuditLog } from './parse-audit-log.js';
export { parseAuditLog } from './parse-audit-log.js';
export { readAuditLog } from './read-audit-log.js';
