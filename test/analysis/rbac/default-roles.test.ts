/** The Kubernetes default ClusterRoles through the engine: known answers of the bootstrap policy. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER_ROLES } from '../../../src/analysis/rbac/default-roles.js';
import { aggregateClusterRoles, ruleKey } from '../../../src/analysis/rbac/aggregate.js';
import { ruleAllows } from '../../../src/analysis/rbac/match-rule.js';
import type { ResourceRequest } from '../../../src/analysis/rbac/types.js';

const rules = aggregateClusterRoles(DEFAULT_CLUSTER_ROLES);

function roleAllows(role: string, verb: string, resource: string, group = '', subresource = ''): boolean {
  const request: ResourceRequest = {
    kind: 'resource',
    verb,
    apiGroup: group,
    resource,
    subresource,
    name: '',
    namespace: 'team',
  };
  return (rules.get(role) ?? []).some((effective) => ruleAllows(effective.rule, request));
}

describe('default ClusterRoles', () => {
  it('view cannot read secrets but reads pods and their logs', () => {
    expect(['get', 'list', 'watch'].map((verb) => roleAllows('view', verb, 'secrets'))).toEqual([
      false,
      false,
      false,
    ]);
    expect(roleAllows('view', 'get', 'pods')).toBe(true);
    expect(roleAllows('view', 'get', 'pods', '', 'log')).toBe(true);
    expect(roleAllows('view', 'create', 'pods', '', 'exec')).toBe(false);
    expect(roleAllows('view', 'list', 'roles', 'rbac.authorization.k8s.io')).toBe(false);
  });

  it('edit can exec into pods, read and write secrets, impersonate service accounts, but not touch RBAC', () => {
    expect(roleAllows('edit', 'create', 'pods', '', 'exec')).toBe(true);
    expect(roleAllows('edit', 'get', 'pods', '', 'exec')).toBe(true);
    expect(roleAllows('edit', 'get', 'secrets')).toBe(true);
    expect(roleAllows('edit', 'update', 'secrets')).toBe(true);
    expect(roleAllows('edit', 'impersonate', 'serviceaccounts')).toBe(true);
    expect(roleAllows('edit', 'create', 'serviceaccounts', '', 'token')).toBe(true);
    expect(roleAllows('edit', 'create', 'rolebindings', 'rbac.authorization.k8s.io')).toBe(false);
    expect(roleAllows('edit', 'create', 'endpoints')).toBe(false);
  });

  it('admin manages Roles and RoleBindings but cannot edit ResourceQuotas', () => {
    expect(roleAllows('admin', 'create', 'rolebindings', 'rbac.authorization.k8s.io')).toBe(true);
    expect(roleAllows('admin', 'create', 'localsubjectaccessreviews', 'authorization.k8s.io')).toBe(true);
    expect(roleAllows('admin', 'get', 'resourcequotas')).toBe(true);
    for (const verb of ['create', 'update', 'patch', 'delete'])
      expect(roleAllows('admin', verb, 'resourcequotas')).toBe(false);
  });

  it('aggregates view ⊂ edit ⊂ admin, each rule travelling through the chain', () => {
    const keys = (role: string) => new Set((rules.get(role) ?? []).map((r) => ruleKey(r.rule)));
    const [view, edit, admin] = [keys('view'), keys('edit'), keys('admin')];
    expect(view.size).toBe(10);
    expect([...view].every((k) => edit.has(k))).toBe(true);
    expect([...edit].every((k) => admin.has(k))).toBe(true);
    expect(edit.size).toBe(view.size + 13);
    expect(admin.size).toBe(edit.size + 2);
    const fromView = (rules.get('admin') ?? []).find((r) => r.source.name === 'system:aggregate-to-view');
    expect(fromView?.via).toEqual(['view', 'edit', 'admin']);
  });

  it('cluster-admin holds every verb on every resource and URL', () => {
    expect(roleAllows('cluster-admin', 'delete', 'nodes')).toBe(true);
    expect(roleAllows('cluster-admin', 'escalate', 'clusterroles', 'rbac.authorization.k8s.io')).toBe(true);
    expect(roleAllows('cluster-admin', '*', '*', '*')).toBe(true);
  });

  it('system roles: the node reads secrets, discovery is URLs only, the approvers are name-restricted', () => {
    expect(roleAllows('system:node', 'get', 'secrets')).toBe(true);
    expect(roleAllows('system:discovery', 'get', 'pods')).toBe(false);
    const approve: ResourceRequest = {
      kind: 'resource',
      verb: 'approve',
      apiGroup: 'certificates.k8s.io',
      resource: 'signers',
      subresource: '',
      name: 'kubernetes.io/kube-apiserver-client',
      namespace: '',
    };
    const approver = rules.get('system:certificates.k8s.io:kube-apiserver-client-approver') ?? [];
    expect(approver.some((r) => ruleAllows(r.rule, approve))).toBe(true);
    expect(
      approver.some((r) => ruleAllows(r.rule, { ...approve, name: 'kubernetes.io/kubelet-serving' })),
    ).toBe(false);
  });
});
