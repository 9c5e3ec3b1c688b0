/**
 * @module The credential files of an AKS node and the hostPath volumes that expose them. Shared by the
 * no-azure-credential-mounts rule and the attack graph (a pod mounting them holds the node's identities).
 */
import type { Workload } from '../../model/index.js';
import { arrayAt, objectAt, stringAt } from '../../model/index.js';

/** What a credential file hands over: the node's Azure identity, or its kubelet (node) credentials. */
export type CredentialKind = 'azure' | 'kubelet';

/** Credential files on an AKS node, and what an attacker gets from each. */
const CREDENTIAL_PATHS: readonly (readonly [string, string, CredentialKind])[] = [
  ['/etc/kubernetes/azure.json', 'the cluster identity’s credentials', 'azure'],
  ['/etc/kubernetes/certs', 'node client certificates and keys', 'kubelet'],
  ['/etc/kubernetes/kubelet.conf', 'the kubelet kubeconfig', 'kubelet'],
  ['/etc/kubernetes/bootstrap-kubelet.conf', 'the kubelet bootstrap kubeconfig', 'kubelet'],
  ['/var/lib/kubelet', 'kubelet credentials and every pod’s mounted tokens and Secrets', 'kubelet'],
  ['/var/lib/waagent', 'Azure VM agent provisioning data', 'azure'],
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

export interface ExposedCredential {
  readonly file: string;
  readonly what: string;
  readonly kind: CredentialKind;
}

/** The credential files a hostPath exposes: itself, anything below it (a parent dir), or what it lies in. */
export function exposedCredentialFiles(hostPath: string): ExposedCredential[] {
  const path = normalizeHostPath(hostPath);
  return CREDENTIAL_PATHS.filter(([file]) => contains(path, file) || contains(file, path)).map(
    ([file, what, kind]) => ({ file, what, kind }),
  );
}

/** The same, as `file (what)` lines. */
export function exposedCredentials(hostPath: string): string[] {
  return exposedCredentialFiles(hostPath).map((c) => `${c.file} (${c.what})`);
}

export interface CredentialMount {
  readonly volume: string;
  readonly index: number;
  readonly hostPath: string;
  readonly exposed: readonly ExposedCredential[];
}

/** The workload's hostPath volumes that expose node credentials. */
export function credentialMounts(workload: Workload): CredentialMount[] {
  const out: CredentialMount[] = [];
  for (const [index, volume] of arrayAt(workload.podSpec, 'volumes').entries()) {
    const hostPath = stringAt(objectAt(volume, 'hostPath'), 'path');
    if (hostPath === undefined) continue;
    const exposed = exposedCredentialFiles(hostPath);
    if (exposed.length === 0) continue;
    out.push({ volume: stringAt(volume, 'name') ?? `volumes[${index}]`, index, hostPath, exposed });
  }
  return out;
}
