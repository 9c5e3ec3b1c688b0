/** @module Which namespaces are application namespaces: the one predicate the tenancy and network rules share. */

/**
 * Namespaces that hold the platform rather than an application: the ones Kubernetes creates
 * (`kube-system`, `kube-public`, `kube-node-lease`) and the ones AKS add-ons install into (Azure Policy's
 * Gatekeeper, the Calico operator and its data plane). `default` is not among them: it is where a manifest
 * without a namespace lands, so it is an application namespace, and usually a mistake.
 */
export const BUILT_IN_SYSTEM_NAMESPACES: readonly string[] = [
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'gatekeeper-system',
  'calico-system',
  'tigera-operator',
];

/** True unless the namespace is built-in system or listed as system in `.aksward.yaml` (`systemNamespaces`). */
export function isApplicationNamespace(name: string, extraSystem: readonly string[] = []): boolean {
  return !BUILT_IN_SYSTEM_NAMESPACES.includes(name) && !extraSystem.includes(name);
}
