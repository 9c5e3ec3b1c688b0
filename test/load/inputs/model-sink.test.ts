import { describe, expect, it } from 'vitest';
import { createModelSink } from '../../../src/load/inputs/model-sink.js';
import { DEFAULT_LIMITS } from '../../../src/load/limits.js';
import type { AksCluster, DiagnosticSetting, Setting } from '../../../src/model/index.js';

const ID = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks';

function cluster(diagnosticSettings: Setting<readonly DiagnosticSetting[]>): AksCluster {
  const unknown = {
    state: 'unknown',
    reason: 'not in az aks show output',
    path: 'maintenance',
    at: { file: 'c.json', line: 1 },
  } as const;
  // Only the fields the sink touches matter here.
  return {
    id: ID,
    name: 'aks',
    diagnosticSettings,
    maintenanceConfigurations: unknown,
  } as unknown as AksCluster;
}

const setting = (name: string, line: number): DiagnosticSetting => ({
  name,
  at: { file: 'd.json', line },
  enabledCategories: { state: 'stated', value: ['kube-audit'], path: 'logs', at: { file: 'd.json', line } },
});

describe('model sink satellites', () => {
  it('replaces an unknown setting with the stated list of satellites matching the id case-insensitively', () => {
    const sink = createModelSink(DEFAULT_LIMITS);
    sink.addCluster(
      cluster({
        state: 'unknown',
        reason: 'separate resource',
        path: 'diagnosticSettings',
        at: { file: 'c.json', line: 1 },
      }),
    );
    sink.addSatellite({ kind: 'diagnostic-setting', targetId: ID.toUpperCase(), value: setting('audit', 3) });
    sink.addSatellite({
      kind: 'maintenance-configuration',
      targetId: ID,
      value: { name: 'default', at: { file: 'm.json', line: 2 } },
    });
    const { model, diagnostics } = sink.result();
    expect(diagnostics).toEqual([]);
    expect(model.clusters[0]?.diagnosticSettings).toEqual({
      state: 'stated',
      path: 'diagnosticSettings',
      at: { file: 'd.json', line: 3 },
      value: [setting('audit', 3)],
    });
    expect(model.clusters[0]?.maintenanceConfigurations).toMatchObject({
      state: 'stated',
      value: [{ name: 'default' }],
    });
  });

  it('merges into a stated list, keeping one setting per name', () => {
    const sink = createModelSink(DEFAULT_LIMITS);
    const stated = {
      state: 'stated',
      value: [setting('audit', 9)],
      path: 'diagnosticSettings',
      at: { file: 'c.json', line: 9 },
    } as const;
    sink.addCluster(cluster(stated));
    sink.addSatellite({ kind: 'diagnostic-setting', targetId: ID, value: setting('AUDIT', 3) });
    sink.addSatellite({ kind: 'diagnostic-setting', targetId: ID, value: setting('security', 5) });
    const result = sink.result().model.clusters[0]?.diagnosticSettings;
    expect(result?.state === 'stated' ? result.value.map((s) => [s.name, s.at.line]) : result).toEqual([
      ['audit', 9],
      ['security', 5],
    ]);
  });

  it('matches ids that differ in case (resourcegroups) or by a trailing slash, and nothing else', () => {
    const sink = createModelSink(DEFAULT_LIMITS);
    sink.addCluster(
      cluster({ state: 'stated', value: [], path: 'diagnosticSettings', at: { file: 'c.json', line: 1 } }),
    );
    const window = (name: string, targetId: string): void => {
      sink.addSatellite({
        kind: 'maintenance-configuration',
        targetId,
        value: { name, at: { file: 'm.json', line: 2 } },
      });
    };
    window('aksManagedAutoUpgradeSchedule', ID.replace('resourceGroups', 'resourcegroups'));
    window('aksManagedNodeOSUpgradeSchedule', `${ID}/`);
    window('other', `${ID}-2`);
    const { model, diagnostics } = sink.result();
    const windows = model.clusters[0]?.maintenanceConfigurations;
    expect(windows?.state === 'stated' ? windows.value.map((w) => w.name) : windows).toEqual([
      'aksManagedAutoUpgradeSchedule',
      'aksManagedNodeOSUpgradeSchedule',
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      `maintenance-configuration "other" targets ${ID}-2, which no input defines; not attached`,
    ]);
  });

  it('reports a satellite whose cluster is not among the inputs', () => {
    const sink = createModelSink(DEFAULT_LIMITS);
    sink.addSatellite({ kind: 'diagnostic-setting', targetId: '/elsewhere', value: setting('audit', 3) });
    expect(sink.result().diagnostics.map((d) => [d.code, d.level, d.file, d.line])).toEqual([
      ['unresolved-value', 'info', 'd.json', 3],
    ]);
  });
});
