/** @module no-exposed-path-to-secrets: From an internet-exposed workload, no path reaches secrets of other workloads. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkExposedPaths } from './check-paths.js';

export default defineRule({
  id: 'no-exposed-path-to-secrets',
  title: 'From an internet-exposed workload, no path reaches secrets of other workloads',
  surface: 'attack-paths',
  severity: 'critical',
  rationale:
    'An application bug in a public pod is not preventable by cluster configuration; what the attacker reaches next is. A mounted token whose service account can read the namespace secrets turns one remote-code-execution into every credential the namespace holds.',
  remediation: {
    summary: 'Break the path at any step the finding lists: each step names the control that removes it.',
  },
  reads: ['manifests', 'cluster'],
  peers: {},
  references: [GUIDANCE.verification],
  since: '0.1.0',
  needs: ['attackGraph', 'rbac'],
  check(context) {
    checkExposedPaths(context, 'secrets', 'secrets');
  },
});
