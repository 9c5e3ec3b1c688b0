/** @module no-stolen-token-from-internet: A token mountable in an exposed pod is not usable from outside. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import type { AksCluster } from '../../model/index.js';
import { checkExposedPaths } from './check-paths.js';

/** Why the inputs cannot tell whether the API server is public, or undefined when they can. */
function undecidedApiServer(clusters: readonly AksCluster[]): string | undefined {
  if (clusters.length === 0) return 'no cluster definition tells whether the API server is public';
  const unknown = clusters.find(
    ({ apiServer: { enablePrivateCluster: priv, authorizedIPRanges: ranges } }) =>
      priv.state === 'unknown' || (!priv.value && ranges.state === 'unknown'),
  );
  return unknown ? `${unknown.display}: the API server's exposure is unknown` : undefined;
}

export default defineRule({
  id: 'no-stolen-token-from-internet',
  title: 'A token mountable in an exposed pod is not usable from outside',
  surface: 'attack-paths',
  severity: 'high',
  rationale:
    'A stolen service account token works from anywhere the API server answers: with a public API server and no authorized IP ranges, the attacker leaves the pod and keeps the access from their own machine.',
  remediation: {
    summary: 'Break the path at any step the finding lists: each step names the control that removes it.',
  },
  reads: ['manifests', 'cluster'],
  peers: {},
  references: [GUIDANCE.verification],
  since: '0.1.0',
  needs: ['attackGraph', 'rbac'],
  check(context) {
    checkExposedPaths(
      context,
      'api-server',
      'the API server from outside',
      undecidedApiServer(context.model.clusters),
    );
  },
});
