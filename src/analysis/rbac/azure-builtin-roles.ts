/**
 * @module The Azure built-in roles that matter for an AKS cluster, as data, transcribed from Microsoft
 * Learn "Azure built-in roles for Containers" and "General" (role ids are the same in every tenant).
 */
import type { AzurePermission, AzureRoleDefinition } from '../../model/azure-rbac.js';

const MC = 'Microsoft.ContainerService/managedClusters';
const ARM_READS = [
  'Microsoft.Authorization/*/read',
  'Microsoft.Resources/subscriptions/operationresults/read',
  'Microsoft.Resources/subscriptions/read',
  'Microsoft.Resources/subscriptions/resourceGroups/read',
];

const permission = (block: Partial<AzurePermission>): AzurePermission => ({
  actions: block.actions ?? [],
  notActions: block.notActions ?? [],
  dataActions: block.dataActions ?? [],
  notDataActions: block.notDataActions ?? [],
});

const builtIn = (id: string, name: string, block: Partial<AzurePermission>): AzureRoleDefinition => ({
  id,
  name,
  permissions: [permission(block)],
  builtIn: true,
});

// prettier-ignore
const READER_KINDS = [
  'apps/controllerrevisions', 'apps/daemonsets', 'apps/deployments', 'apps/replicasets', 'apps/statefulsets',
  'autoscaling/horizontalpodautoscalers', 'batch/cronjobs', 'batch/jobs', 'configmaps',
  'discovery.k8s.io/endpointslices', 'endpoints', 'events.k8s.io/events', 'events', 'extensions/daemonsets',
  'extensions/deployments', 'extensions/ingresses', 'extensions/networkpolicies', 'extensions/replicasets',
  'limitranges', 'metrics.k8s.io/pods', 'metrics.k8s.io/nodes', 'namespaces', 'networking.k8s.io/ingresses',
  'networking.k8s.io/networkpolicies', 'persistentvolumeclaims', 'pods', 'policy/poddisruptionbudgets',
  'replicationcontrollers', 'resourcequotas', 'serviceaccounts', 'services',
];

/** The Writer role: `/*` on workloads, pods, secrets and service accounts; reads elsewhere; no RBAC objects. */
// prettier-ignore
const WRITER_DATA_ACTIONS = [
  ...['apps/controllerrevisions/read', 'apps/daemonsets/*', 'apps/deployments/*', 'apps/replicasets/*',
    'apps/statefulsets/*', 'autoscaling/horizontalpodautoscalers/*', 'batch/cronjobs/*',
    'coordination.k8s.io/leases/read', 'coordination.k8s.io/leases/write', 'coordination.k8s.io/leases/delete',
    'discovery.k8s.io/endpointslices/read', 'batch/jobs/*', 'configmaps/*', 'endpoints/*',
    'events.k8s.io/events/read', 'events/*', 'extensions/daemonsets/*', 'extensions/deployments/*',
    'extensions/ingresses/*', 'extensions/networkpolicies/*', 'extensions/replicasets/*', 'limitranges/read',
    'metrics.k8s.io/pods/read', 'metrics.k8s.io/nodes/read', 'namespaces/read', 'networking.k8s.io/ingresses/*',
    'networking.k8s.io/networkpolicies/*', 'persistentvolumeclaims/*', 'pods/*', 'policy/poddisruptionbudgets/*',
    'replicationcontrollers/*', 'resourcequotas/read', 'secrets/*', 'serviceaccounts/*', 'services/*'],
].map((action) => `${MC}/${action}`);

export const AKS_RBAC_READER = '7f6c6a51-bcf8-42ba-9220-52d62157d7db';
export const AKS_RBAC_WRITER = 'a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb';
export const AKS_RBAC_ADMIN = '3498e952-d568-435e-9b2c-8d77e338d7f7';
export const AKS_RBAC_CLUSTER_ADMIN = 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b';
export const AKS_CLUSTER_ADMIN_ROLE = '0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8';
export const AKS_CLUSTER_USER_ROLE = '4abbcc35-e782-43d8-92c5-2d3f1bd2253f';

export const BUILT_IN_ROLES: readonly AzureRoleDefinition[] = [
  builtIn(AKS_RBAC_READER, 'Azure Kubernetes Service RBAC Reader', {
    actions: ARM_READS,
    dataActions: READER_KINDS.map((kind) => `${MC}/${kind}/read`),
  }),
  builtIn(AKS_RBAC_WRITER, 'Azure Kubernetes Service RBAC Writer', {
    actions: ARM_READS,
    dataActions: WRITER_DATA_ACTIONS,
  }),
  builtIn(AKS_RBAC_ADMIN, 'Azure Kubernetes Service RBAC Admin', {
    actions: [...ARM_READS, `${MC}/listClusterUserCredential/action`],
    dataActions: [`${MC}/*`],
    notDataActions: [
      `${MC}/resourcequotas/write`,
      `${MC}/resourcequotas/delete`,
      `${MC}/namespaces/write`,
      `${MC}/namespaces/delete`,
    ],
  }),
  builtIn(AKS_RBAC_CLUSTER_ADMIN, 'Azure Kubernetes Service RBAC Cluster Admin', {
    actions: [...ARM_READS, `${MC}/listClusterUserCredential/action`],
    dataActions: [`${MC}/*`],
  }),
  builtIn(AKS_CLUSTER_ADMIN_ROLE, 'Azure Kubernetes Service Cluster Admin Role', {
    actions: [
      `${MC}/listClusterAdminCredential/action`,
      `${MC}/accessProfiles/listCredential/action`,
      `${MC}/read`,
      `${MC}/runcommand/action`,
    ],
  }),
  builtIn(AKS_CLUSTER_USER_ROLE, 'Azure Kubernetes Service Cluster User Role', {
    actions: [`${MC}/listClusterUserCredential/action`, `${MC}/read`],
  }),
  builtIn('1afdec4b-e479-420e-99e7-f82237c7c5e6', 'Azure Kubernetes Service Cluster Monitoring User', {
    actions: [`${MC}/listClusterMonitoringUserCredential/action`, `${MC}/read`],
  }),
  builtIn('ed7f3fbd-7b88-4dd4-9017-9adb7ce333f8', 'Azure Kubernetes Service Contributor Role', {
    actions: [`${MC}/read`, `${MC}/write`, 'Microsoft.Resources/deployments/*'],
  }),
  builtIn('8e3af657-a8ff-443c-a75c-2fe8c4bcb635', 'Owner', { actions: ['*'] }),
  builtIn('b24988ac-6180-42a0-ab88-20f7382dd24c', 'Contributor', {
    actions: ['*'],
    notActions: [
      'Microsoft.Authorization/*/Delete',
      'Microsoft.Authorization/*/Write',
      'Microsoft.Authorization/elevateAccess/Action',
    ],
  }),
  builtIn('acdd72a7-3385-48ef-bd42-f606fba81ae7', 'Reader', { actions: ['*/read'] }),
  builtIn('18d7d88d-d35e-4fb5-a5c3-7773c20a72d9', 'User Access Administrator', {
    actions: ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*'],
  }),
  builtIn('f58310d9-a9f6-439a-9e8d-f62e7b41a168', 'Role Based Access Control Administrator', {
    actions: [
      'Microsoft.Authorization/roleAssignments/write',
      'Microsoft.Authorization/roleAssignments/delete',
      '*/read',
      'Microsoft.Support/*',
    ],
  }),
];
