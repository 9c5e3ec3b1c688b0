import { describe, expect, it } from 'vitest';
import { load, readFixture } from './memory-sink.js';

const CLUSTER_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg-aks-prod/providers/microsoft.containerservice/managedclusters/aks-prod';

describe('az monitor diagnostic-settings list output', () => {
  const file = 'diagnostic-settings-list.json';
  const result = load(readFixture(file), 'diagnostic-settings', file);

  it('attaches each setting to the cluster its id names, with its enabled log categories', () => {
    expect(result.count).toBe(2);
    expect(result.clusters).toEqual([]);
    expect(result.diagnostics).toEqual([]);
    expect(result.satellites).toEqual([
      {
        kind: 'diagnostic-setting',
        targetId: CLUSTER_ID,
        value: {
          name: 'aks-audit',
          at: { file, line: 2 },
          enabledCategories: {
            state: 'stated',
            value: ['kube-audit', 'kube-audit-admin'],
            at: { file, line: 7 },
            path: 'logs',
          },
        },
      },
      {
        kind: 'diagnostic-setting',
        targetId: CLUSTER_ID,
        value: {
          name: 'to-storage',
          at: { file, line: 64 },
          enabledCategories: { state: 'stated', value: [], at: { file, line: 69 }, path: 'logs' },
        },
      },
    ]);
  });
});

describe('diagnostic setting REST objects', () => {
  const setting = (logs: unknown) =>
    JSON.stringify(
      {
        id: `${CLUSTER_ID}/providers/microsoft.insights/diagnosticSettings/rest`,
        name: 'rest',
        type: 'Microsoft.Insights/diagnosticSettings',
        properties: { workspaceId: '/subscriptions/0/x', logs },
      },
      null,
      2,
    );

  it('reads properties.logs, using category or categoryGroup', () => {
    const logs = [
      { categoryGroup: 'audit', enabled: true },
      { category: 'kube-scheduler', enabled: false },
    ];
    const [satellite] = load(setting(logs), 'diagnostic-settings', 'rest.json').satellites;
    expect(satellite).toMatchObject({
      targetId: CLUSTER_ID,
      value: {
        name: 'rest',
        enabledCategories: { state: 'stated', value: ['audit'], path: 'properties.logs', at: { line: 7 } },
      },
    });
  });

  it('reads a { value: [...] } list, and a setting without logs as enabling none', () => {
    const text = JSON.stringify({ value: [JSON.parse(setting(null)) as unknown] });
    const [satellite] = load(text, 'diagnostic-settings').satellites;
    expect(satellite?.value).toMatchObject({
      enabledCategories: {
        state: 'default',
        value: [],
        basis: 'a diagnostic setting without logs sends none',
      },
    });
  });

  it('leaves the categories unknown when an entry does not say whether it is enabled', () => {
    const [satellite] = load(setting([{ category: 'kube-audit' }]), 'diagnostic-settings').satellites;
    expect(satellite?.value).toMatchObject({
      enabledCategories: { state: 'unknown', reason: 'properties.logs[0].enabled is not stated' },
    });
  });

  it('skips a setting without a resource id, with a diagnostic', () => {
    const result = load(
      '[{"name": "orphan", "type": "Microsoft.Insights/diagnosticSettings", "logs": []}]',
      'diagnostic-settings',
    );
    expect(result.satellites).toEqual([]);
    expect(result.diagnostics).toEqual([
      {
        code: 'wrong-type',
        level: 'warning',
        message: 'diagnostic setting orphan has no resource id naming the resource it belongs to; skipped',
        file: 'input.json',
        line: 1,
      },
    ]);
  });
});
