/** @module no-azure-credential-mounts: no hostPath reaches the node's Azure or kubelet credentials. */
import type { Workload } from '../../model/index.js';
import { arrayAt, extractWorkloads, objectAt, objectSubject, stringAt } from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';
import { SEEDS, defineRule } from '../define-rule.js';

/** Credential files on an AKS node, and what an attacker gets from each. */
const CREDENTIAL_PATHS: readonly (readonly [string, string])[] = [
  ['/etc/kubernetes/azure.json', 'the cluster identity’s credentials'],
  ['/etc/kubernetes/certs', 'node client certificates and keys'],
  ['/etc/kubernetes/kubelet.conf', 'the kubelet kubeconfig'],
  ['/etc/kubernetes/bootstrap-kubelet.conf', 'the kubelet bootstrap kubeconfig'],
  ['/var/lib/kubelet', 'kubelet credentials and every pod’s mounted tokens and Secrets'],
  ['/var/lib/waagent', 'Azure VM agent provisioning data'],
];

/** `/etc//kubernetes/./` → `/etc/kubernetes`: the path the kubelet mounts. */
export function normalizeHostPath(raw: string): string {
  const parts: string[] = [];
  for (const part of raw.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

function contains(outer: string, inner: string): boolean {
  return outer === '/' || inner === outer || inner.startsWith(`${outer}/`);
}

/** The credential files a hostPath exposes: itself, anything below it (a parent dir), or what it lies in. */
export function exposedCredentials(hostPath: string): string[] {
  const path = normalizeHostPath(hostPath);
  return CREDENTIAL_PATHS.filter(([file]) => contains(path, file) || contains(file, path)).map(
    ([file, what]) => `${file} (${what})`,
  );
}

function checkWorkload(context: RuleContext<unknown>, workload: Workload): void {
  const subject = objectSubject(workload.object);
  let found = false;
  for (const [i, volume] of arrayAt(workload.podSpec, 'volumes').entries()) {
    const hostPath = stringAt(objectAt(volume, 'hostPath'), 'path');
    if (hostPath === undefined) continue;
    const exposed = exposedCredentials(hostPath);
    if (exposed.length === 0) continue;
    found = true;
    const name = stringAt(volume, 'name') ?? `volumes[${i}]`;
    const message = `${subject.display} mounts the node path ${hostPath} (volume ${name}), exposing ${exposed.join('; ')}.`;
    context.report({ subject, path: [...workload.podSpecPath, 'volumes', i, 'hostPath', 'path'], message });
  }
  if (found) return;
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
    SEEDS,
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
  check(context) {
    for (const workload of extractWorkloads(context.model.objects)) checkWorkload(context, workload);
  },
});
