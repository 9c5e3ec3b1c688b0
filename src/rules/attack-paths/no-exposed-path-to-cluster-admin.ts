/** @module no-exposed-path-to-cluster-admin: From an exposed workload, no path reaches cluster-admin-equivalent rights. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkExposedPaths } from './check-paths.js';

export default defineRule({
  id: 'no-exposed-path-to-cluster-admin',
  title: 'From an exposed workload, no path reaches cluster-admin-equivalent rights',
  surface: 'attack-paths',
  severity: 'critical',
  rationale:
    'Cluster-admin, or the bind, escalate and impersonate verbs that grant it, is the whole cluster: a public pod whose token leads there makes one application bug a cluster compromise.',
  remediation: {
    summary: 'Break the path at any step the finding lists: each step names the control that removes it.',
  },
  reads: ['manifests', 'cluster'],
  peers: {},
  references: [GUIDANCE.verification],
  since: '0.1.0',
  needs: ['attackGraph', 'rbac'],
  check(context) {
    checkExposedPaths(context, 'cluster-admin', 'cluster-admin-equivalent rights');
  },
});
