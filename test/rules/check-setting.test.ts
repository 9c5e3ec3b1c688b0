/** @module checkSetting: one result per cluster setting, with the basis that decided it and a message that says it. */
import { describe, expect, it } from 'vitest';
import type { AksCluster, Setting } from '../../src/model/index.js';
import { checkSetting, forEachCluster } from '../../src/rules/check-setting.js';
import { defineRule } from '../../src/rules/define-rule.js';
import { clusterFrom, runRuleOnClusters } from '../helpers/cluster-from.js';

/** A rule that requires one boolean setting to be true. */
function requireTrue(label: string, pick: (cluster: AksCluster) => Setting<boolean>) {
  return defineRule({
    id: 'require-under-test',
    title: label,
    surface: 'identity',
    severity: 'high',
    rationale: 'test',
    remediation: { summary: 'test' },
    reads: ['cluster'],
    peers: {},
    references: [],
    since: '0.1.0',
    check(context) {
      forEachCluster(context, (cluster) => {
        checkSetting(context, cluster, {
          setting: pick(cluster),
          label,
          isCompliant: (value) => value,
          failMessage: (value) => `${label} is ${String(value)}`,
        });
      });
    },
  });
}

describe('checkSetting', () => {
  const rbac = requireTrue('Kubernetes RBAC', (cluster) => cluster.identity.enableRBAC);
  const noLocal = requireTrue('local accounts disabled', (cluster) => cluster.identity.disableLocalAccounts);

  it('gives every result the basis of its setting: stated, default or unknown', () => {
    const results = runRuleOnClusters(
      rbac,
      clusterFrom({ enableRBAC: true }),
      clusterFrom({ enableRBAC: false }),
      clusterFrom({}),
      clusterFrom({}, { unknown: ['enableRBAC'] }),
    );
    expect(results.map((r) => [r.status, r.basis])).toEqual([
      ['pass', 'stated'],
      ['fail', 'stated'],
      ['pass', 'default'],
      ['not-assessed', 'unknown'],
    ]);
  });

  it('says in the message that a failing value is a default, and what supplies it', () => {
    expect(runRuleOnClusters(noLocal, clusterFrom({}))).toMatchObject([
      {
        status: 'fail',
        basis: 'default',
        message: 'local accounts disabled is false (not set; AKS API default).',
      },
    ]);
    expect(runRuleOnClusters(noLocal, clusterFrom({ disableLocalAccounts: false }))).toMatchObject([
      { status: 'fail', basis: 'stated', message: 'local accounts disabled is false.' },
    ]);
  });
});
