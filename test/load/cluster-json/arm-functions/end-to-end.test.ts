/**
 * A compiled-Bicep-style AKS template (json(), array(), union(), if(), contains(), createObject, lambdas,
 * a user-defined function, reference() of a sibling, subscription().tenantId inside a profile): its cluster
 * checks are assessed. Before the function library, 12 of them were not assessed.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from '../../../cli/run.js';
import { load, readFixture } from '../memory-sink.js';

const fixture = fileURLToPath(
  new URL('../../../fixtures/load/arm/compiled-bicep-functions.json', import.meta.url),
);

interface Finding {
  readonly ruleId: string;
  readonly status: string;
}

describe('compiled Bicep with the ARM function library', () => {
  it('assesses every cluster check the template decides', async () => {
    const run = await cli(['scan', fixture, '-f', 'json', '--fail-on', 'none']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { findings: Finding[] };
    const notAssessed = report.findings.filter((f) => f.status === 'not-assessed').map((f) => f.ruleId);
    // Only the control that needs role-assignment input, which no template holds.
    expect(notAssessed).toEqual(['no-broad-credential-access']);
    const failed = report.findings.filter((f) => f.status === 'fail').map((f) => f.ruleId);
    expect(failed).toContain('require-private-cluster');
    expect(failed).not.toContain('no-node-public-ip');
    expect(failed).not.toContain('require-azure-rbac');
  });

  it('reads the values the functions compute, and keeps the unknown part unknown', () => {
    const result = load(readFixture('../arm/compiled-bicep-functions.json'), 'arm-template', 'compiled.json');
    const [cluster] = result.clusters;
    expect(cluster?.name).toBe('aks-az-k8s');
    expect(cluster?.apiServer.authorizedIPRanges).toMatchObject({
      state: 'stated',
      value: ['203.0.113.0/24'],
    });
    expect(cluster?.identity.disableLocalAccounts).toMatchObject({ state: 'stated', value: true });
    expect(cluster?.nodePools).toMatchObject({ state: 'stated' });
    const pools = cluster?.nodePools.state === 'stated' ? cluster.nodePools.value : [];
    expect(pools[0]).toMatchObject({
      name: 'system01',
      mode: { state: 'stated', value: 'System' },
      enableNodePublicIP: { state: 'stated', value: false },
      enableEncryptionAtHost: { state: 'stated', value: true },
      nodeTaints: { state: 'stated', value: ['CriticalAddonsOnly=true:NoSchedule'] },
    });
    // The user pools come from a copy loop over map(range(...), lambda(...)): read once, as before.
    expect(pools.slice(1).map((pool) => pool.enableEncryptionAtHost)).toMatchObject([
      { state: 'stated', value: true },
    ]);
  });
});
