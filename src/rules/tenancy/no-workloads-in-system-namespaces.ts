/** @module no-workloads-in-system-namespaces: user workloads live in their own namespaces, not default or kube-system. */
import type { Workload } from '../../model/index.js';
import { extractWorkloads, objectSubject } from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { matchAksComponent } from './aks-components.js';

/**
 * `default` is where anything without a namespace lands; the `kube-*` namespaces belong to Kubernetes
 * and AKS. Namespaces the config lists as system (a platform team's own) are the user's choice, not flagged.
 */
const RESERVED = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

function checkWorkload(context: RuleContext<unknown>, workload: Workload): void {
  const subject = objectSubject(workload.object);
  const ns = workload.namespace;
  const omitted = workload.object.namespace === undefined;
  const path = omitted ? ['metadata'] : ['metadata', 'namespace'];
  if (!RESERVED.has(ns)) {
    const message = `${subject.display} runs in its own namespace ${ns}.`;
    context.report({ subject, path, status: 'pass', message });
    return;
  }
  const match = matchAksComponent(workload);
  if (match === 'component') {
    const message = `${subject.display} is the AKS component ${workload.name}, which AKS runs in kube-system.`;
    context.report({ subject, path, status: 'pass', message });
    return;
  }
  const where = omitted ? 'default (the manifest sets no namespace, so it lands there)' : ns;
  const impostor =
    match === 'impostor'
      ? `; it carries the name of the AKS component ${workload.name} but runs images from outside mcr.microsoft.com`
      : '';
  const message = `${subject.display} is a user workload in ${where}${impostor}.`;
  context.report({ subject, path, message });
}

export default defineRule({
  id: 'no-workloads-in-system-namespaces',
  title: 'No user workloads in default or kube-system',
  surface: 'tenancy',
  severity: 'medium',
  rationale:
    'The default namespace is where every manifest without a namespace lands, so it collects workloads no ' +
    'one scoped: no quota, no default-deny policy, RBAC granted broadly. kube-system holds the cluster’s own ' +
    'components and their powerful service accounts; a user workload there shares their network policies, ' +
    'their Secrets and the exemptions admission policy gives them, so a compromise of it lands next to the ' +
    'keys of the cluster.',
  remediation: {
    summary:
      'Move the workload to a dedicated application namespace with its own quota, network policies and RBAC, ' +
      'and set metadata.namespace explicitly in every manifest.',
    manifest: 'metadata.namespace: <application namespace>',
  },
  reads: ['manifests'],
  peers: { checkov: ['CKV_K8S_21'] },
  references: [
    GUIDANCE.guide,
    {
      title: 'Kubernetes: Namespaces (initial namespaces)',
      url: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces',
    },
    {
      title: 'AKS: Best practices for cluster isolation',
      url: 'https://learn.microsoft.com/azure/aks/operator-best-practices-cluster-isolation',
    },
  ],
  since: '0.1.0',
  check(context) {
    for (const workload of extractWorkloads(context.model.objects)) checkWorkload(context, workload);
  },
});
