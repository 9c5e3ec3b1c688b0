/** @module Tests for no-broad-credential-access (not registered yet: the identity index is another helper's). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRoleAssignments } from '../../../src/load/role-assignments/index.js';
import { analysisRun } from '../../../src/engine/analyses.js';
import rule from '../../../src/rules/identity/no-broad-credential-access.js';
import type { ReportInput } from '../../../src/rules/define-rule.js';
import { DEFAULT_RULE_SETTINGS } from '../../../src/rules/define-rule.js';
import type { AksCluster } from '../../../src/model/index.js';
import { clusterFrom } from '../../helpers/cluster-from.js';
import { modelOf } from '../../analysis/rbac/helpers.js';

const DIR = new URL('../../fixtures/rules/no-broad-credential-access/', import.meta.url);
const ENTRA_LOCAL_ON = { aadProfile: { managed: true, enableAzureRBAC: true }, disableLocalAccounts: false };
const ENTRA_LOCAL_OFF = { aadProfile: { managed: true, enableAzureRBAC: true }, disableLocalAccounts: true };
const NO_ENTRA = { disableLocalAccounts: false };

function run(fixture: string | undefined, cluster: AksCluster, options: Record<string, unknown> = {}) {
  const loaded = fixture
    ? loadRoleAssignments(readFileSync(new URL(fixture, DIR), 'utf8'), fixture)
    : undefined;
  const model = modelOf({
    clusters: [cluster],
    roleAssignments: loaded?.assignments ?? [],
    roleDefinitions: loaded?.definitions ?? [],
  });
  const results: ReportInput[] = [];
  rule.check({
    settings: DEFAULT_RULE_SETTINGS,
    model,
    options: rule.parseOptions?.(options) ?? { maxPrincipals: 5 },
    analyses: analysisRun(model).pick(['azureRbac']),
    report: (r) => results.push(r),
  });
  return results.map((r) => ({
    subject: r.subject.display,
    status: r.status ?? 'fail',
    line: r.subject.at.line,
    message: r.message,
  }));
}

describe('no-broad-credential-access', () => {
  it('fails a Contributor at subscription scope while local accounts hand out system:masters', () => {
    const results = run('invalid.subscription-scope.json', clusterFrom(ENTRA_LOCAL_ON));
    expect(results.map((r) => [r.subject, r.status, r.line])).toEqual([
      ['roleAssignments/c0000001-0000-0000-0000-000000000001', 'fail', 2],
      ['roleAssignments/c0000003-0000-0000-0000-000000000003', 'pass', 20],
      ['managedClusters/aks-test', 'pass', 1],
    ]);
    expect(results[0]?.message).toContain(
      'list the cluster admin credential, a system:masters kubeconfig (Contributor)',
    );
    expect(results[0]?.message).toContain('granted at /subscriptions/00000000-0000-0000-0000-000000000000');
  });

  it('no longer counts credential listing once local accounts are disabled', () => {
    const results = run('invalid.subscription-scope.json', clusterFrom(ENTRA_LOCAL_OFF));
    expect(results.map((r) => [r.subject, r.status])).toEqual([
      ['roleAssignments/c0000003-0000-0000-0000-000000000003', 'pass'],
      ['managedClusters/aks-test', 'pass'],
    ]);
  });

  it('passes cluster-scoped admin roles and broad read-only roles', () => {
    const results = run('valid.cluster-scope.json', clusterFrom(ENTRA_LOCAL_OFF));
    expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
  });

  it('fails the Cluster User Role at subscription scope when Entra ID is off (user credential = admin credential)', () => {
    const results = run('valid.cluster-scope.json', clusterFrom(NO_ENTRA));
    expect(results.filter((r) => r.status === 'fail').map((r) => r.subject)).toEqual([
      'roleAssignments/d0000003-0000-0000-0000-000000000003',
    ]);
  });

  it('fails the cluster when more principals than allowed hold the power', () => {
    const results = run('invalid.subscription-scope.json', clusterFrom(ENTRA_LOCAL_ON), { maxPrincipals: 1 });
    expect(results.at(-1)).toMatchObject({ subject: 'managedClusters/aks-test', status: 'fail' });
  });

  it('is not assessed without role-assignment input', () => {
    expect(run(undefined, clusterFrom(ENTRA_LOCAL_ON)).map((r) => r.status)).toEqual(['not-assessed']);
  });
});
