/** @module ClusterRole aggregation reads its selectors with the model's one label-selector parser. */
import { describe, expect, it } from 'vitest';
import { aggregateClusterRoles } from '../../../src/analysis/rbac/aggregate.js';
import { parseRole } from '../../../src/analysis/rbac/parse-rbac.js';
import type { RbacRole } from '../../../src/analysis/rbac/types.js';
import { kubeObject } from './helpers.js';

function clusterRole(name: string, extra: Record<string, unknown>): RbacRole {
  const role = parseRole(
    kubeObject({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name },
      ...extra,
    }),
  );
  if (!role) throw new Error(`${name} is not a role`);
  return role;
}

const source = (name: string, labels: Record<string, string>) =>
  clusterRole(name, {
    metadata: { name, labels },
    rules: [{ apiGroups: [''], resources: [name], verbs: ['get'] }],
  });

/** The names of the roles whose rules the aggregator collected. */
function aggregated(selectors: unknown): string[] {
  const roles = [
    clusterRole('sink', { aggregationRule: { clusterRoleSelectors: selectors } }),
    source('pods', { tier: 'a' }),
    source('secrets', { tier: 'b', sensitive: 'true' }),
    source('nodes', {}),
  ];
  const rules = aggregateClusterRoles(roles).get('sink') ?? [];
  return rules.map((r) => r.source.name).sort();
}

describe('ClusterRole aggregation selectors', () => {
  it('matches matchLabels and every matchExpressions operator', () => {
    expect(aggregated([{ matchLabels: { tier: 'a' } }])).toEqual(['pods']);
    expect(aggregated([{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] }])).toEqual(
      ['pods', 'secrets'],
    );
    expect(aggregated([{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a'] }] }])).toEqual([
      'nodes',
      'secrets',
    ]);
    expect(aggregated([{ matchExpressions: [{ key: 'sensitive', operator: 'Exists' }] }])).toEqual([
      'secrets',
    ]);
    expect(aggregated([{ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }])).toEqual([
      'nodes',
    ]);
  });

  it('ORs its selectors, and an empty selector selects every other ClusterRole', () => {
    expect(aggregated([{ matchLabels: { tier: 'a' } }, { matchLabels: { tier: 'b' } }])).toEqual([
      'pods',
      'secrets',
    ]);
    expect(aggregated([{}])).toEqual(['nodes', 'pods', 'secrets']);
  });

  it('selects nothing through a selector the API server would reject, and keeps the valid ones', () => {
    expect(aggregated([{ matchExpressions: [{ key: 'tier', operator: 'Equals', values: ['a'] }] }])).toEqual(
      [],
    );
    expect(aggregated([{ matchExpressions: [{ key: 'tier', operator: 'In', values: [] }] }])).toEqual([]);
    expect(aggregated([{ matchExpressions: [{ key: 'tier', operator: 'Exists', values: ['a'] }] }])).toEqual(
      [],
    );
    expect(aggregated([{ matchLabels: { tier: 1 } }, { matchLabels: { tier: 'b' } }])).toEqual(['secrets']);
    const sink = clusterRole('sink', { aggregationRule: { clusterRoleSelectors: [{ matchLabels: 'x' }] } });
    expect(sink.aggregationSelectors).toEqual([]);
  });
});
