/** @module no-unselected-workloads: every workload is selected by a NetworkPolicy for ingress and for egress. */
import { isApplicationNamespace } from '../../model/index.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { podLabelsPath, workloadSubject } from './netpol-rules.js';

export default defineRule({
  id: 'no-unselected-workloads',
  title: 'Every workload is selected by a NetworkPolicy for ingress and for egress',
  surface: 'network',
  severity: 'high',
  rationale:
    'Kubernetes isolates a pod for a direction only when some NetworkPolicy selecting it covers that ' +
    'direction; a pod no policy selects accepts every connection and may open any. One unselected workload ' +
    'is the foothold an attacker needs to scan the cluster and reach what the other policies protect, and it ' +
    'usually means a label drifted away from the policy meant for it.',
  remediation: {
    summary:
      'Select the workload with a NetworkPolicy for Ingress and Egress: a namespace default-deny (podSelector {}) plus policies allowing what it needs.',
    manifest: 'spec: { podSelector: {}, policyTypes: [Ingress, Egress] } in a NetworkPolicy of the namespace',
  },
  reads: ['manifests'],
  peers: { checkov: ['CKV2_K8S_6'], kubescape: ['C-0260'] },
  references: [
    GUIDANCE.checklist,
    GUIDANCE.verification,
    {
      title: 'Kubernetes: Network Policies (the two sorts of pod isolation)',
      url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation',
    },
  ],
  since: '0.1.0',
  needs: ['reachability'],
  check(context) {
    const result = context.analyses.reachability.result;
    for (const [workload, index] of result.topology.classOf) {
      if (!isApplicationNamespace(workload.namespace, context.settings.systemNamespaces)) continue;
      const base = { subject: workloadSubject(workload), path: podLabelsPath(workload) };
      const podClass = result.topology.classes[index];
      if (podClass && !podClass.selectable) {
        context.report({
          ...base,
          message: `${workload.display} uses hostNetwork: NetworkPolicies select and isolate no hostNetwork pod, so nothing restricts its traffic.`,
        });
        continue;
      }
      const missing = (['ingress', 'egress'] as const).filter((d) => result.compiled[d][index] === undefined);
      if (missing.length === 0) {
        context.report({
          ...base,
          status: 'pass',
          message: `${workload.display} is selected for ingress and egress.`,
        });
        continue;
      }
      context.report({
        ...base,
        message: `${workload.display} is selected by no NetworkPolicy for ${missing.join(' or ')}: all its ${missing.join(' and ')} traffic is allowed.`,
      });
    }
  },
});
