/** @module The posture rules, in id order. */
import type { AnyRule } from '../define-rule.js';
import requireAuditLogs from './require-audit-logs.js';
import requireContainerInsights from './require-container-insights.js';
import requireDefender from './require-defender.js';
import requireUptimeSla from './require-uptime-sla.js';

export const rules: readonly AnyRule[] = [
  requireAuditLogs,
  requireContainerInsights,
  requireDefender,
  requireUptimeSla,
];
