/** @module no-exposed-path-to-node: From an exposed workload, no path reaches node breakout. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkExposedPaths } from './check-paths.js';

export default defineRule({
  id: 'no-exposed-path-to-node',
  title: 'From an exposed workload, no path reaches node breakout',
  surface: 'attack-paths',
  severity: 'critical',
  rationale:
    'Root on a node is every pod on that node, their tokens and secrets, and the kubelet managed identity. A public pod that can create pods (a privileged pod is the node), or reach a privileged or hostPath workload, hands the attacker the node.',
  remediation: {
    summary: 'Break the path at any step the finding lists: each step names the control that removes it.',
  },
  reads: ['manifests', 'cluster'],
  peers: {},
  references: [GUIDANCE.verification],
  since: '0.1.0',
  needs: ['attackGraph', 'rbac'],
  check(context) {
    checkExposedPaths(context, 'node', 'node breakout');
  },
});
