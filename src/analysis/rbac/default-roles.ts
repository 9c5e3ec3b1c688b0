/**
 * @module The Kubernetes default ClusterRoles and ClusterRoleBindings (the RBAC bootstrap policy) as data.
 * Transcribed from kubernetes/kubernetes `plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go`
 * and its golden file `testdata/cluster-roles.yaml` / `cluster-role-bindings.yaml` (v1.30-era policy,
 * without feature-gated roles). Every API server creates them at start-up, so they exist in a cluster
 * even when the manifests do not define them; answers mark them as defaults.
 */
import type { PolicyRule, RbacBinding, RbacRole, RbacSubject } from './types.js';
import {
  READ,
  READ_WRITE,
  WRITE,
  aggregatingRole,
  clusterRole,
  rule,
  urls,
} from './default-rule-builders.js';
import { SYSTEM_CLUSTER_ROLES } from './default-system-roles.js';

const TO_ADMIN = 'rbac.authorization.k8s.io/aggregate-to-admin';
const TO_EDIT = 'rbac.authorization.k8s.io/aggregate-to-edit';
const TO_VIEW = 'rbac.authorization.k8s.io/aggregate-to-view';

const AGGREGATE_TO_ADMIN: readonly PolicyRule[] = [
  rule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews']),
  rule(READ_WRITE, ['rbac.authorization.k8s.io'], ['rolebindings', 'roles']),
];

const POD_ACCESS = ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'] as const;

// prettier-ignore
const AGGREGATE_TO_EDIT: readonly PolicyRule[] = [
  rule(READ, [''], [...POD_ACCESS, 'secrets', 'services/proxy']),
  rule(['impersonate'], [''], ['serviceaccounts']),
  rule(WRITE, [''], ['pods', ...POD_ACCESS]),
  rule(['create'], [''], ['pods/eviction']),
  rule(WRITE, [''], [
    'configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale',
    'secrets', 'serviceaccounts', 'services', 'services/proxy',
  ]),
  rule(['create'], [''], ['serviceaccounts/token']),
  rule(WRITE, ['apps'], [
    'daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale',
    'statefulsets', 'statefulsets/scale',
  ]),
  rule(WRITE, ['autoscaling'], ['horizontalpodautoscalers']),
  rule(WRITE, ['batch'], ['cronjobs', 'jobs']),
  rule(WRITE, ['extensions'], [
    'daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'ingresses', 'networkpolicies',
    'replicasets', 'replicasets/scale', 'replicationcontrollers/scale',
  ]),
  rule(WRITE, ['policy'], ['poddisruptionbudgets']),
  rule(WRITE, ['networking.k8s.io'], ['ingresses', 'networkpolicies']),
  rule(READ_WRITE, ['coordination.k8s.io'], ['leases']),
];

// prettier-ignore
const AGGREGATE_TO_VIEW: readonly PolicyRule[] = [
  rule(READ, [''], [
    'configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods',
    'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status',
  ]),
  rule(READ, [''], [
    'bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status',
    'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status',
  ]),
  rule(READ, [''], ['namespaces']),
  rule(READ, ['discovery.k8s.io'], ['endpointslices']),
  rule(READ, ['apps'], [
    'controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale',
    'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets',
    'statefulsets/scale', 'statefulsets/status',
  ]),
  rule(READ, ['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
  rule(READ, ['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status']),
  rule(READ, ['extensions'], [
    'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses',
    'ingresses/status', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicasets/status',
    'replicationcontrollers/scale',
  ]),
  rule(READ, ['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
  rule(READ, ['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies']),
];

/** The user-facing roles: cluster-admin, and admin ⊇ edit ⊇ view built by aggregation. */
const USER_FACING_ROLES: readonly RbacRole[] = [
  clusterRole('cluster-admin', [rule(['*'], ['*'], ['*']), urls(['*'], ['*'])]),
  aggregatingRole('admin', TO_ADMIN),
  aggregatingRole('edit', TO_EDIT, { [TO_ADMIN]: 'true' }),
  aggregatingRole('view', TO_VIEW, { [TO_EDIT]: 'true' }),
  clusterRole('system:aggregate-to-admin', AGGREGATE_TO_ADMIN, { [TO_ADMIN]: 'true' }),
  clusterRole('system:aggregate-to-edit', AGGREGATE_TO_EDIT, { [TO_EDIT]: 'true' }),
  clusterRole('system:aggregate-to-view', AGGREGATE_TO_VIEW, { [TO_VIEW]: 'true' }),
];

export const DEFAULT_CLUSTER_ROLES: readonly RbacRole[] = [...USER_FACING_ROLES, ...SYSTEM_CLUSTER_ROLES];

function crb(role: string, subjects: readonly Omit<RbacSubject, 'index'>[]): RbacBinding {
  return {
    kind: 'ClusterRoleBinding',
    name: role,
    roleRef: { kind: 'ClusterRole', name: role, apiGroup: 'rbac.authorization.k8s.io' },
    subjects: subjects.map((subject, index) => ({ ...subject, index })),
    isDefault: true,
  };
}

const group = (name: string) => ({ kind: 'Group', name }) as const;
const user = (name: string) => ({ kind: 'User', name }) as const;

/** `testdata/cluster-role-bindings.yaml`, plus the monitoring and issuer-discovery bindings of v1.21+. */
export const DEFAULT_CLUSTER_ROLE_BINDINGS: readonly RbacBinding[] = [
  crb('cluster-admin', [group('system:masters')]),
  crb('system:basic-user', [group('system:authenticated')]),
  crb('system:discovery', [group('system:authenticated')]),
  crb('system:kube-controller-manager', [user('system:kube-controller-manager')]),
  crb('system:kube-dns', [{ kind: 'ServiceAccount', name: 'kube-dns', namespace: 'kube-system' }]),
  crb('system:kube-scheduler', [user('system:kube-scheduler')]),
  crb('system:monitoring', [group('system:monitoring')]),
  crb('system:node', []),
  crb('system:node-proxier', [user('system:kube-proxy')]),
  crb('system:public-info-viewer', [group('system:authenticated'), group('system:unauthenticated')]),
  crb('system:service-account-issuer-discovery', [group('system:serviceaccounts')]),
  crb('system:volume-scheduler', [user('system:kube-scheduler')]),
];
