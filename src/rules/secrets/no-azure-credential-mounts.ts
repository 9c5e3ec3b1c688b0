/** @module no-azure-credential-mounts: no hostPath reaches the node's Azure or kubelet credentials. */
import type { Workload } from '../../model/index.js';
import { extractWorkloads, objectSubject } from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';
import { defineRule, GUIDANCE } from '../define-rule.js';

function checkWorkload(context: RuleContext<unknown, 'placement'>, workload: Workload): void {
  const subject = objectSubject(workload.object);
  const mounts = context.analyses.placement.credentialMounts(workload);
  for (const { volume: name, index, hostPath, exposed } of mounts) {
    const what = exposed.map((c) => `${c.file} (${c.what})`).join('; ');
    const message = `${subject.display} mounts the node path ${hostPath} (volume ${name}), exposing ${what}.`;
    context.report({
      subject,
      path: [...workload.podSpecPath, 'volumes', index, 'hostPath', 'path'],
      message,
    });
  }
  if (mounts.length > 0) return;
  const message = `${subject.display} mounts no node credential path.`;
  context.report({ subject, path: workload.podSpecPath, status: 'pass', message });
}

export default defineRule({
  id: 'no-azure-credential-mounts',
  title: 'No hostPath volume reaches the node’s Azure or kubelet credentials',
  surface: 'secrets',
  severity: 'critical',
  rationale:
    'An AKS node keeps its Azure credentials in /etc/kubernetes/azure.json (the identity the cloud provider ' +
    'acts as) and its kubelet credentials under /var/lib/kubelet and /etc/kubernetes. A pod that mounts ' +
    'these paths, or a parent such as /etc or /, hands whoever compromises it the node’s identity: ' +
    'Azure-plane access with the cluster’s managed identity, and the kubelet’s rights plus every token and ' +
    'Secret mounted into every pod on the node. Read-only does not help: reading is the attack.',
  remediation: {
    summary:
      'Remove the hostPath volume; a workload that needs Azure access gets its own identity through workload ' +
      'identity, and node agents read only the narrow path they need (for logs, /var/log).',
    manifest:
      '# delete every volume whose hostPath.path is /etc/kubernetes/azure.json, /etc/kubernetes, /var/lib/kubelet,\n' +
      '# a path below them, or a parent such as /etc, /var or /',
  },
  reads: ['manifests'],
  peers: { kubescape: ['C-0020'] },
  references: [
    GUIDANCE.checklist,
    GUIDANCE.verification,
    {
      title: 'Kubescape C-0020: Mount service principal',
      url: 'https://hub.armosec.io/docs/c-0020',
    },
    {
      title: 'Kubernetes: hostPath volumes',
      url: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    },
  ],
  since: '0.1.0',
  needs: ['placement'],
  check(context) {
    for (const workload of extractWorkloads(context.model.objects)) checkWorkload(context, workload);
  },
});
