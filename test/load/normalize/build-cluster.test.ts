/** @module buildCluster: documented defaults, and reasons that never quote an input value. */
import { describe, expect, it } from 'vitest';
import { clusterFrom } from '../../helpers/cluster-from.js';

describe('networkPluginMode', () => {
  it('is null by default when absent: no overlay mode, pods take VNet addresses', () => {
    const { networkPluginMode } = clusterFrom({ networkProfile: { networkPlugin: 'azure' } }).network;
    expect(networkPluginMode).toMatchObject({ state: 'default', value: null, basis: 'AKS API default' });
  });

  it('is stated when the input says overlay, and unknown in a partial input', () => {
    const overlay = clusterFrom({ networkProfile: { networkPlugin: 'azure', networkPluginMode: 'overlay' } });
    expect(overlay.network.networkPluginMode).toMatchObject({ state: 'stated', value: 'overlay' });
    const partial = clusterFrom({ networkProfile: { networkPlugin: 'azure' } }, { complete: false });
    expect(partial.network.networkPluginMode).toMatchObject({
      state: 'unknown',
      reason: 'not stated in this partial input',
    });
  });
});

describe('values of the wrong type', () => {
  it.each([
    [{ enableRBAC: 'CANARY-1' }, 'the value is a string where a boolean is expected'],
    [{ enableRBAC: '' }, 'the value is an empty string where a boolean is expected'],
    [{ kubernetesVersion: 1.3 }, 'the value is a number where a string is expected'],
    [{ kubernetesVersion: ['CANARY-2'] }, 'the value is a list where a string is expected'],
  ])('describe the kind of value, never the value (%j)', (properties, reason) => {
    const cluster = clusterFrom(properties);
    const setting = 'enableRBAC' in properties ? cluster.identity.enableRBAC : cluster.kubernetesVersion;
    expect(setting).toMatchObject({ state: 'unknown', reason });
    expect(JSON.stringify(setting)).not.toContain('CANARY');
  });

  it('names the expected list and map types', () => {
    const cluster = clusterFrom({
      apiServerAccessProfile: { authorizedIPRanges: 'CANARY-3' },
      agentPoolProfiles: [{ name: 'system', nodeLabels: ['CANARY-4'] }],
    });
    expect(cluster.apiServer.authorizedIPRanges).toMatchObject({
      reason: 'the value is a string where a list of strings is expected',
    });
    const pools = cluster.nodePools.state === 'stated' ? cluster.nodePools.value : [];
    expect(pools[0]?.nodeLabels).toMatchObject({
      reason: 'the value is a list where a map of strings is expected',
    });
  });
});
