/**
 * @module Which kinds are cluster-scoped: an object of any other kind without `metadata.namespace` lands in
 * the namespace `kubectl apply` is given (`-n`), else `default`. Built-in kinds as the API server lists them,
 * and the cluster-scoped kinds of the add-ons AKS users install (cert-manager, Gatekeeper, Kyverno, Calico,
 * external-secrets). A custom kind not listed counts as namespaced, as most custom resources are.
 */

const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'APIService',
  'CertificateSigningRequest',
  'ClusterRole',
  'ClusterRoleBinding',
  'ComponentStatus',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'FlowSchema',
  'IngressClass',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PodSecurityPolicy',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
  // add-ons
  'ClusterIssuer',
  'ConstraintTemplate',
  'ClusterPolicy',
  'ClusterPolicyReport',
  'ClusterSecretStore',
  'ClusterExternalSecret',
  'GlobalNetworkPolicy',
  'GlobalNetworkSet',
]);

/** Gatekeeper constraints (`constraints.gatekeeper.sh`) are cluster-scoped whatever their kind. */
const CLUSTER_SCOPED_GROUPS: ReadonlySet<string> = new Set(['constraints.gatekeeper.sh']);

export function isClusterScopedKind(apiVersion: string, kind: string): boolean {
  const slash = apiVersion.indexOf('/');
  const group = slash === -1 ? '' : apiVersion.slice(0, slash);
  if (CLUSTER_SCOPED_GROUPS.has(group)) return true;
  // `Config` is cluster-scoped only as Gatekeeper's (config.gatekeeper.sh) and OpenShift's
  if (kind === 'Config') return group.endsWith('gatekeeper.sh');
  return CLUSTER_SCOPED_KINDS.has(kind);
}
