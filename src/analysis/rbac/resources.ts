/**
 * @module The built-in API resources, as discovery would name them for `kubectl auth can-i`: plural,
 * singular and short names, group, and whether the resource is namespaced (offline, so a fixed table).
 */

export interface ResourceType {
  readonly resource: string;
  readonly group: string;
  readonly namespaced: boolean;
  readonly aliases: readonly string[];
}

const t = (resource: string, group: string, namespaced: boolean, ...aliases: string[]): ResourceType => ({
  resource,
  group,
  namespaced,
  aliases,
});

// prettier-ignore
export const RESOURCE_TYPES: readonly ResourceType[] = [
  t('pods', '', true, 'pod', 'po'), t('services', '', true, 'service', 'svc'), t('secrets', '', true, 'secret'),
  t('configmaps', '', true, 'configmap', 'cm'), t('serviceaccounts', '', true, 'serviceaccount', 'sa'),
  t('persistentvolumeclaims', '', true, 'persistentvolumeclaim', 'pvc'), t('endpoints', '', true, 'ep'),
  t('events', '', true, 'event', 'ev'), t('limitranges', '', true, 'limitrange', 'limits'),
  t('resourcequotas', '', true, 'resourcequota', 'quota'), t('replicationcontrollers', '', true, 'replicationcontroller', 'rc'),
  t('podtemplates', '', true, 'podtemplate'), t('bindings', '', true, 'binding'),
  t('namespaces', '', false, 'namespace', 'ns'), t('nodes', '', false, 'node', 'no'),
  t('persistentvolumes', '', false, 'persistentvolume', 'pv'), t('componentstatuses', '', false, 'componentstatus', 'cs'),
  t('deployments', 'apps', true, 'deployment', 'deploy'), t('replicasets', 'apps', true, 'replicaset', 'rs'),
  t('statefulsets', 'apps', true, 'statefulset', 'sts'), t('daemonsets', 'apps', true, 'daemonset', 'ds'),
  t('controllerrevisions', 'apps', true, 'controllerrevision'),
  t('jobs', 'batch', true, 'job'), t('cronjobs', 'batch', true, 'cronjob', 'cj'),
  t('horizontalpodautoscalers', 'autoscaling', true, 'horizontalpodautoscaler', 'hpa'),
  t('ingresses', 'networking.k8s.io', true, 'ingress', 'ing'), t('networkpolicies', 'networking.k8s.io', true, 'networkpolicy', 'netpol'),
  t('ingressclasses', 'networking.k8s.io', false, 'ingressclass'),
  t('poddisruptionbudgets', 'policy', true, 'poddisruptionbudget', 'pdb'),
  t('roles', 'rbac.authorization.k8s.io', true, 'role'), t('rolebindings', 'rbac.authorization.k8s.io', true, 'rolebinding'),
  t('clusterroles', 'rbac.authorization.k8s.io', false, 'clusterrole'),
  t('clusterrolebindings', 'rbac.authorization.k8s.io', false, 'clusterrolebinding'),
  t('certificatesigningrequests', 'certificates.k8s.io', false, 'certificatesigningrequest', 'csr'),
  t('signers', 'certificates.k8s.io', false, 'signer'),
  t('validatingwebhookconfigurations', 'admissionregistration.k8s.io', false, 'validatingwebhookconfiguration'),
  t('mutatingwebhookconfigurations', 'admissionregistration.k8s.io', false, 'mutatingwebhookconfiguration'),
  t('validatingadmissionpolicies', 'admissionregistration.k8s.io', false, 'validatingadmissionpolicy'),
  t('validatingadmissionpolicybindings', 'admissionregistration.k8s.io', false, 'validatingadmissionpolicybinding'),
  t('customresourcedefinitions', 'apiextensions.k8s.io', false, 'customresourcedefinition', 'crd', 'crds'),
  t('apiservices', 'apiregistration.k8s.io', false, 'apiservice'),
  t('storageclasses', 'storage.k8s.io', false, 'storageclass', 'sc'), t('csidrivers', 'storage.k8s.io', false, 'csidriver'),
  t('csinodes', 'storage.k8s.io', false, 'csinode'), t('volumeattachments', 'storage.k8s.io', false, 'volumeattachment'),
  t('csistoragecapacities', 'storage.k8s.io', true, 'csistoragecapacity'),
  t('leases', 'coordination.k8s.io', true, 'lease'), t('endpointslices', 'discovery.k8s.io', true, 'endpointslice'),
  t('priorityclasses', 'scheduling.k8s.io', false, 'priorityclass', 'pc'), t('runtimeclasses', 'node.k8s.io', false, 'runtimeclass'),
  t('tokenreviews', 'authentication.k8s.io', false, 'tokenreview'),
  t('selfsubjectreviews', 'authentication.k8s.io', false, 'selfsubjectreview'),
  t('subjectaccessreviews', 'authorization.k8s.io', false, 'subjectaccessreview'),
  t('selfsubjectaccessreviews', 'authorization.k8s.io', false, 'selfsubjectaccessreview'),
  t('selfsubjectrulesreviews', 'authorization.k8s.io', false, 'selfsubjectrulesreview'),
  t('localsubjectaccessreviews', 'authorization.k8s.io', true, 'localsubjectaccessreview'),
  t('users', '', false, 'user'), t('groups', '', false, 'group'),
  t('userextras', 'authentication.k8s.io', false), t('uids', 'authentication.k8s.io', false),
  t('flowschemas', 'flowcontrol.apiserver.k8s.io', false, 'flowschema'),
  t('prioritylevelconfigurations', 'flowcontrol.apiserver.k8s.io', false, 'prioritylevelconfiguration'),
];

const BY_NAME = new Map<string, ResourceType>();
for (const type of RESOURCE_TYPES) {
  for (const name of [type.resource, ...type.aliases]) {
    const key = `${name}\u0000${type.group}`;
    if (!BY_NAME.has(key)) BY_NAME.set(key, type);
    if (!BY_NAME.has(name)) BY_NAME.set(name, type);
  }
}

/**
 * `pods`, `po`, `deployments.apps`, `deploy`, `cronjobs.batch`: kubectl's `resource[.group]`. The
 * group suffix is everything after the first dot. Unknown names keep the given group (core when
 * none) and count as namespaced, as a custom resource usually is; `known` says so.
 */
export function lookupResource(text: string): { type: ResourceType; known: boolean } {
  const lower = text.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot < 0 ? lower : lower.slice(0, dot);
  const group = dot < 0 ? undefined : lower.slice(dot + 1);
  const found = group === undefined ? BY_NAME.get(name) : BY_NAME.get(`${name}\u0000${group}`);
  if (found) return { type: found, known: true };
  return { type: { resource: name, group: group ?? '', namespaced: true, aliases: [] }, known: false };
}

/** True for a built-in resource known to be cluster-scoped (in a RoleBinding it grants nothing). */
export function isClusterScoped(group: string, resource: string): boolean {
  const found = BY_NAME.get(`${resource}\u0000${group}`);
  return found !== undefined && !found.namespaced;
}
