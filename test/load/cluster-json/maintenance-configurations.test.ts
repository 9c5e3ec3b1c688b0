/** @module `az aks maintenanceconfiguration list` and REST maintenance configurations, as satellites of their cluster. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectClusterJson } from '../../../src/load/cluster-json/load-cluster-json.js';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { load } from './memory-sink.js';

const CLUSTER =
  '/subscriptions/0000/resourceGroups/rg-prod/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const TYPE = 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations';

/** `az aks maintenanceconfiguration list -o json`: properties flattened beside the id. */
const azItem = (name: string) => ({
  id: `${CLUSTER}/maintenanceConfigurations/${name}`,
  maintenanceWindow: { durationHours: 4, schedule: { weekly: { dayOfWeek: 'Sunday', intervalWeeks: 1 } } },
  name,
  notAllowedTime: null,
  resourceGroup: 'rg-prod',
  timeInWeek: null,
  type: TYPE,
});

/** The REST form: settings under `properties`. */
const restItem = (name: string) => ({
  id: `${CLUSTER}/maintenanceConfigurations/${name}`,
  name,
  type: TYPE,
  properties: { timeInWeek: [{ day: 'Monday', hourSlots: [1, 2] }] },
});

describe('detectClusterJson: maintenance configurations', () => {
  it.each([
    ['az list output', [azItem('default'), azItem('aksManagedAutoUpgradeSchedule')]],
    ['a REST { value } list', { value: [restItem('default')] }],
    ['one REST object', restItem('default')],
    ['one az show object', azItem('default')],
    [
      'items known only by their id',
      [{ id: `${CLUSTER}/maintenanceConfigurations/default`, name: 'default' }],
    ],
  ])('recognises %s', (_label, value) => {
    expect(detectClusterJson(value)).toBe('maintenance-configurations');
  });

  it('does not claim a list mixing configurations and clusters, or another child type', () => {
    const cluster = { id: CLUSTER, type: 'Microsoft.ContainerService/managedClusters', name: 'aks-prod' };
    expect(detectClusterJson([azItem('default'), cluster])).toBeUndefined();
    expect(detectClusterJson({ ...azItem('x'), type: `${TYPE}s` })).toBeUndefined();
  });
});

describe('loadMaintenanceConfigurations', () => {
  it('reads each az list item as a satellite of the cluster its id names, at its line', () => {
    const text = JSON.stringify([azItem('aksManagedAutoUpgradeSchedule'), azItem('default')], null, 2);
    const result = load(text, 'maintenance-configurations', 'mc.json');
    expect(result.count).toBe(2);
    expect(result.diagnostics).toEqual([]);
    expect(result.satellites).toEqual([
      {
        kind: 'maintenance-configuration',
        targetId: CLUSTER,
        value: { name: 'aksManagedAutoUpgradeSchedule', at: { file: 'mc.json', line: 2 } },
      },
      {
        kind: 'maintenance-configuration',
        targetId: CLUSTER,
        value: { name: 'default', at: { file: 'mc.json', line: 19 } },
      },
    ]);
  });

  it('reads the REST list and takes the name from the id when no name is given', () => {
    const unnamed: Record<string, unknown> = { ...restItem('aksManagedNodeOSUpgradeSchedule') };
    delete unnamed.name;
    const text = JSON.stringify({ value: [restItem('default'), unnamed] });
    const result = load(text, 'maintenance-configurations');
    expect(result.satellites.map((s) => [s.targetId, s.value.name])).toEqual([
      [CLUSTER, 'default'],
      [CLUSTER, 'aksManagedNodeOSUpgradeSchedule'],
    ]);
  });

  it('skips an item whose id does not name a cluster, with a warning at its line', () => {
    const text = JSON.stringify([azItem('default'), { name: 'orphan', type: TYPE }], null, 2);
    const result = load(text, 'maintenance-configurations', 'mc.json');
    expect(result.count).toBe(1);
    expect(result.diagnostics.map((d) => [d.code, d.level, d.line])).toEqual([['wrong-type', 'warning', 19]]);
  });
});

describe('maintenance configurations attach to their cluster across files', () => {
  it('states the examples/hardened cluster’s windows (its id spells resourcegroups in lower case)', async () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const dir = path.join(root, 'examples/hardened');
    const loaded = await loadInputs(['cluster.json', 'maintenance-configurations.json'], {
      cwd: dir,
      kubectl: false,
    });
    expect(loaded.inputs.map((i) => [i.file, i.format, i.objects])).toEqual([
      ['cluster.json', 'az-aks-show', 1],
      ['maintenance-configurations.json', 'maintenance-configurations', 2],
    ]);
    const [cluster] = loaded.model.clusters;
    expect(cluster?.id).toContain('/resourcegroups/');
    expect(cluster?.maintenanceConfigurations).toMatchObject({
      state: 'stated',
      value: [
        { name: 'aksManagedAutoUpgradeSchedule', at: { file: 'maintenance-configurations.json', line: 2 } },
        {
          name: 'aksManagedNodeOSUpgradeSchedule',
          at: { file: 'maintenance-configurations.json', line: 19 },
        },
      ],
    });
    expect(loaded.diagnostics).toEqual([]);
  });
});
