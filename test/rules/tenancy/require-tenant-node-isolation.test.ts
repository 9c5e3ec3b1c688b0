/** @module Tests for require-tenant-node-isolation: pinning, shared pools, taints, System pools, unknowns. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/engine/run-audit.js';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { extractWorkloads } from '../../../src/model/index.js';
import { findRule } from '../../../src/rules/index.js';
import type { PoolView } from '../../../src/analysis/placement/node-placement.js';
import { canLand, parseTaint, selects } from '../../../src/analysis/placement/node-placement.js';
import { FIXTURES, runRuleOn, testRule } from '../../helpers/test-rule.js';

const SELECTOR = 'spec.template.spec.nodeSelector';

testRule('require-tenant-node-isolation', {
  valid: ['valid.dedicated-pools'],
  invalid: [
    {
      fixture: 'invalid.not-pinned',
      findings: [{ subject: 'Deployment/team-a/checkout', path: 'spec.template.spec', severity: 'low' }],
    },
    {
      fixture: 'invalid.shared-pool',
      findings: [
        { subject: 'Deployment/team-a/storefront', path: SELECTOR, line: 30 },
        { subject: 'Deployment/team-b/ledger', path: SELECTOR, line: 55 },
      ],
    },
    {
      fixture: 'invalid.untainted-pool-with-neighbour',
      findings: [{ subject: 'Deployment/team-a/storefront', path: SELECTOR, line: 28 }],
    },
    {
      fixture: 'invalid.system-pool',
      findings: [{ subject: 'Deployment/team-a/storefront', path: SELECTOR, status: 'fail' }],
    },
    {
      fixture: 'unknown.unknown-pool',
      findings: [{ subject: 'Deployment/team-a/storefront', path: SELECTOR, status: 'not-assessed' }],
    },
    {
      fixture: 'unknown.no-cluster-definition.yaml',
      findings: [{ subject: 'Deployment/team-a/storefront', path: SELECTOR, status: 'not-assessed' }],
    },
  ],
});

describe('require-tenant-node-isolation', () => {
  it('passes each tenant workload, noting the pool that is not tainted', async () => {
    const { result } = await runRuleOn('require-tenant-node-isolation', 'valid.dedicated-pools');
    expect(result.coverage.tenancy.passed).toBe(3);
  });

  it('names the neighbour that shares the tenant pool', async () => {
    const { result } = await runRuleOn(
      'require-tenant-node-isolation',
      'invalid.untainted-pool-with-neighbour',
    );
    expect(result.findings[0]?.message).toContain('pool teama also runs Deployment/ingress/ingress-nginx');
  });

  it('reads the tenant label from the settings (tenantLabel)', async () => {
    const dir = path.join(FIXTURES, 'require-tenant-node-isolation');
    const loaded = await loadInputs([path.join(dir, 'invalid.not-pinned')], { cwd: dir, kubectl: false });
    const rule = findRule('require-tenant-node-isolation');
    if (!rule) throw new Error('rule not registered');
    const run = (tenantLabel: string) =>
      runAudit(loaded.model, { rules: [rule], today: '2026-11-23', config: { tenantLabel } }).findings;
    expect(run('aksward.io/tenant')).toHaveLength(1);
    expect(run('example.com/team')).toHaveLength(0);
  });
});

describe('node placement', () => {
  const pool = (overrides: Partial<PoolView>): PoolView => ({
    name: 'teama',
    mode: 'User',
    labels: { agentpool: 'teama', tenant: 'team-a' },
    complete: true,
    taints: [],
    ...overrides,
  });
  const workload = (podSpec: Record<string, unknown>) => {
    const [w] = extractWorkloads([
      {
        apiVersion: 'v1',
        kind: 'Pod',
        name: 'p',
        namespace: 'team-a',
        labels: {},
        annotations: {},
        body: { spec: podSpec },
        origin: { file: 'x.yaml', documentIndex: 0, basePath: [], at: { file: 'x.yaml', line: 1 } },
      },
    ]);
    if (!w) throw new Error('no workload');
    return w;
  };
  const affinity = (expressions: unknown[]) => ({
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: expressions }],
        },
      },
    },
  });

  it('parses AKS taints and ignores PreferNoSchedule when scheduling', () => {
    expect(parseTaint('tenant=team-a:NoSchedule')).toEqual({
      key: 'tenant',
      value: 'team-a',
      effect: 'NoSchedule',
    });
    expect(parseTaint('dedicated:NoExecute')).toEqual({ key: 'dedicated', value: '', effect: 'NoExecute' });
    expect(parseTaint('nonsense')).toBeUndefined();
  });

  it('evaluates nodeSelector and the affinity operators against pool labels', () => {
    expect(selects(workload({ nodeSelector: { tenant: 'team-a' } }), pool({}))).toBe('yes');
    expect(selects(workload({ nodeSelector: { tenant: 'team-b' } }), pool({}))).toBe('no');
    expect(
      selects(workload(affinity([{ key: 'tenant', operator: 'NotIn', values: ['team-b'] }])), pool({})),
    ).toBe('yes');
    expect(selects(workload(affinity([{ key: 'gpu', operator: 'DoesNotExist' }])), pool({}))).toBe('yes');
    expect(selects(workload(affinity([{ key: 'gpu', operator: 'Exists' }])), pool({}))).toBe('no');
    // A zone label AKS sets but the model does not carry: unknown, not a mismatch.
    expect(
      selects(
        workload(affinity([{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['1'] }])),
        pool({}),
      ),
    ).toBe('unknown');
    // Unknown pool labels make any other key unknown too.
    expect(selects(workload({ nodeSelector: { team: 'a' } }), pool({ complete: false }))).toBe('unknown');
    // An empty term matches no node.
    expect(selects(workload(affinity([])), pool({}))).toBe('no');
  });

  it('requires every NoSchedule/NoExecute taint to be tolerated', () => {
    const tainted = pool({ taints: [{ key: 'tenant', value: 'team-a', effect: 'NoSchedule' }] });
    expect(canLand(workload({}), tainted)).toBe('no');
    expect(
      canLand(workload({ tolerations: [{ key: 'tenant', operator: 'Equal', value: 'team-a' }] }), tainted),
    ).toBe('yes');
    expect(
      canLand(workload({ tolerations: [{ key: 'tenant', operator: 'Equal', value: 'team-b' }] }), tainted),
    ).toBe('no');
    expect(canLand(workload({ tolerations: [{ operator: 'Exists' }] }), tainted)).toBe('yes');
    expect(
      canLand(
        workload({ tolerations: [{ key: 'tenant', operator: 'Exists', effect: 'NoExecute' }] }),
        tainted,
      ),
    ).toBe('no');
    expect(canLand(workload({}), pool({ taints: undefined }))).toBe('unknown');
  });
});
