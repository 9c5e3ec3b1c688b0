/** @module no-empty-policy-selector-match: every NetworkPolicy selects at least one workload of the input. */
import { extractWorkloads, objectSubject } from '../../model/index.js';
import { defineRule, GUIDANCE } from '../define-rule.js';

export default defineRule({
  id: 'no-empty-policy-selector-match',
  title: 'Every NetworkPolicy selects at least one workload',
  surface: 'network',
  severity: 'low',
  rationale:
    'A NetworkPolicy whose podSelector matches no pod protects nothing. It is usually a typo or a label that ' +
    'changed on the workload, and it leaves the pods it was written for unisolated while reviewers believe ' +
    'they are covered.',
  remediation: {
    summary:
      'Fix the podSelector (or the workload labels) so the policy selects the pods it was written for, or delete the policy.',
    manifest: 'spec.podSelector.matchLabels matching the pod template labels',
  },
  reads: ['manifests'],
  peers: { kubescape: ['C-0299'] },
  references: [
    GUIDANCE.guide,
    {
      title: 'Kubernetes: Network Policies (the NetworkPolicy resource: podSelector)',
      url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource',
    },
  ],
  since: '0.1.0',
  needs: ['reachability'],
  check(context) {
    const result = context.analyses.reachability.result;
    const namespaces = new Set(extractWorkloads(context.model.objects).map((w) => w.namespace));
    result.compiled.policies.forEach((policy, i) => {
      const base = { subject: objectSubject(policy.object), path: ['spec', 'podSelector'] };
      const selected = result.compiled.selected[i] ?? [];
      if (selected.length > 0) {
        context.report({
          ...base,
          status: 'pass',
          message: `${policy.id} selects ${selected.length} pod label set(s).`,
        });
        return;
      }
      if (policy.podSelector === null) {
        context.report({
          ...base,
          message: `${policy.id} has an invalid podSelector: the API server rejects it, and it selects nothing.`,
        });
        return;
      }
      if (!namespaces.has(policy.namespace)) {
        context.report({
          ...base,
          status: 'not-assessed',
          message: `No workload of namespace ${policy.namespace} is in the inputs, so whether ${policy.id} selects any cannot be told.`,
        });
        return;
      }
      context.report({
        ...base,
        message: `${policy.id} selects no workload of namespace ${policy.namespace}: it protects nothing.`,
      });
    });
  },
});
