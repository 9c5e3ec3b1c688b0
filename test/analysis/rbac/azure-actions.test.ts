/** Kubernetes requests as AKS data actions, Azure wildcard matching, and assignment scopes. */
import { describe, expect, it } from 'vitest';
import { actionMatches, dataActionFor } from '../../../src/analysis/rbac/azure-actions.js';
import { clusterResourceId, requestScope, scopeCovers } from '../../../src/analysis/rbac/azure-scope.js';
import type { AccessRequest } from '../../../src/analysis/rbac/types.js';

const MC = 'Microsoft.ContainerService/managedClusters';
const req = (verb: string, resource: string, apiGroup = '', subresource = ''): AccessRequest => ({
  kind: 'resource',
  verb,
  apiGroup,
  resource,
  subresource,
  name: '',
  namespace: 'shop',
});

const url = (verb: string, path: string): AccessRequest => ({ kind: 'non-resource', verb, path });

describe('dataActionFor', () => {
  it.each([
    [req('get', 'pods'), `${MC}/pods/read`],
    [req('list', 'deployments', 'apps'), `${MC}/apps/deployments/read`],
    [req('watch', 'secrets'), `${MC}/secrets/read`],
    [req('create', 'pods'), `${MC}/pods/write`],
    [req('patch', 'pods'), `${MC}/pods/write`],
    [req('deletecollection', 'pods'), `${MC}/pods/delete`],
    [
      req('bind', 'clusterroles', 'rbac.authorization.k8s.io'),
      `${MC}/rbac.authorization.k8s.io/clusterroles/bind/action`,
    ],
    [
      req('escalate', 'roles', 'rbac.authorization.k8s.io'),
      `${MC}/rbac.authorization.k8s.io/roles/escalate/action`,
    ],
    [req('impersonate', 'serviceaccounts'), `${MC}/serviceaccounts/impersonate/action`],
    [req('create', 'pods', '', 'exec'), `${MC}/pods/exec/action`],
    [req('get', 'pods', '', 'exec'), `${MC}/pods/exec/action`],
    [req('create', 'pods', '', 'attach'), `${MC}/pods/attach/action`],
    [req('get', 'pods', '', 'log'), `${MC}/pods/read`],
    [req('update', 'deployments', 'apps', 'scale'), `${MC}/apps/deployments/write`],
    [req('patch', 'pods', '', 'status'), `${MC}/pods/write`],
    [url('get', '/healthz'), `${MC}/healthz/read`],
    [url('get', '/version/'), `${MC}/version/read`],
  ])('%o → %s', (request, action) => {
    expect(dataActionFor(request)).toBe(action);
  });
});

describe('actionMatches', () => {
  it('treats * as any run of characters, case-insensitively', () => {
    expect(actionMatches(`${MC}/*`, `${MC}/pods/exec/action`)).toBe(true);
    expect(actionMatches(`${MC}/pods/*`, `${MC}/pods/exec/action`)).toBe(true);
    expect(actionMatches(`${MC}/pods/write`, `${MC}/pods/exec/action`)).toBe(false);
    expect(actionMatches(`${MC}/*/read`, `${MC}/apps/deployments/read`)).toBe(true);
    expect(actionMatches(`${MC}/*/read`, `${MC}/pods/write`)).toBe(false);
    expect(actionMatches('microsoft.containerservice/MANAGEDCLUSTERS/pods/read', `${MC}/pods/read`)).toBe(
      true,
    );
    expect(actionMatches('*', `${MC}/listClusterAdminCredential/action`)).toBe(true);
    expect(actionMatches(`${MC}/pods.read`, `${MC}/podsXread`)).toBe(false);
  });
});

describe('scopeCovers', () => {
  const cluster =
    '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks';
  it('inherits downwards and never upwards', () => {
    expect(scopeCovers('/subscriptions/s1', requestScope(cluster, 'shop'))).toBe('yes');
    expect(scopeCovers('/subscriptions/S1/resourcegroups/RG', cluster)).toBe('yes');
    expect(scopeCovers(cluster, requestScope(cluster, 'shop'))).toBe('yes');
    expect(scopeCovers(`${cluster}/namespaces/shop`, requestScope(cluster, 'shop'))).toBe('yes');
    expect(scopeCovers(`${cluster}/namespaces/shop`, requestScope(cluster, 'other'))).toBe('no');
    expect(scopeCovers(`${cluster}/namespaces/shop`, cluster)).toBe('no');
    expect(scopeCovers('/subscriptions/s2', cluster)).toBe('no');
    expect(scopeCovers(`${cluster}2`, cluster)).toBe('no');
    expect(scopeCovers('/', cluster)).toBe('yes');
  });

  it('leaves management groups and placeholder ids open unless the cluster is named', () => {
    expect(scopeCovers('/providers/Microsoft.Management/managementGroups/corp', cluster)).toBe('unknown');
    const template = clusterResourceId({ id: 'azurerm_kubernetes_cluster.main', name: 'aks' });
    expect(template).toBe(
      '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/aks',
    );
    expect(scopeCovers(cluster, template)).toBe('yes');
    expect(scopeCovers('/subscriptions/s1', template)).toBe('unknown');
    expect(scopeCovers(template, requestScope(template, 'shop'))).toBe('yes');
    expect(scopeCovers(cluster.replace('/aks', '/other'), template)).toBe('no');
  });
});
