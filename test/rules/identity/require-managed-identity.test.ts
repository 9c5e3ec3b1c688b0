/** @module Tests for require-managed-identity: identity.type, else what servicePrincipalProfile.clientId implies. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/identity/require-managed-identity.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { testRule } from '../../helpers/test-rule.js';

const SHOW = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';
const SP_CLIENT_ID = '3f2a8c1d-7e4b-4f9a-a6c2-9d0e1b5f7a38';

describe('require-managed-identity on in-memory clusters', () => {
  it('passes system- and user-assigned identities, whatever their case', () => {
    const results = runRuleOnClusters(
      rule,
      clusterFrom({}, { resource: { identity: { type: 'SystemAssigned' } } }),
      clusterFrom({}, { resource: { identity: { type: 'userAssigned' } } }),
      clusterFrom({ servicePrincipalProfile: { clientId: 'msi' } }),
    );
    expect(results.map((r) => r.status)).toEqual(['pass', 'pass', 'pass']);
  });

  it('fails a service principal and names it', () => {
    const [result] = runRuleOnClusters(
      rule,
      clusterFrom({ servicePrincipalProfile: { clientId: SP_CLIENT_ID } }),
    );
    expect(result).toMatchObject({
      status: 'fail',
      severity: 'medium',
      path: 'properties.servicePrincipalProfile.clientId',
    });
    expect(result?.message).toContain('service principal');
    expect(result?.message).not.toContain(SP_CLIENT_ID);
  });

  it('does not assess a cluster that states neither identity nor service principal, or an unknown type', () => {
    const results = runRuleOnClusters(
      rule,
      clusterFrom({}),
      clusterFrom({}, { resource: { identity: {} }, unknown: ['/identity/type'] }),
    );
    expect(results.map((r) => r.status)).toEqual(['not-assessed', 'not-assessed']);
  });
});

testRule('require-managed-identity', {
  valid: [
    'valid.az-aks-show.json',
    'valid.arm-rest.json',
    'valid.user-assigned.arm-rest.json',
    'valid.arm-template.json',
    'valid.terraform',
    'valid.terraform-plan.json',
  ],
  invalid: [
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: SHOW, path: 'servicePrincipalProfile.clientId', severity: 'medium', line: 40 }],
    },
    {
      fixture: 'invalid.arm-rest.json',
      findings: [{ subject: SHOW, path: 'properties.servicePrincipalProfile.clientId', line: 31 }],
    },
    { fixture: 'invalid.arm-template.json', findings: [{ subject: SHOW, line: 53 }] },
    { fixture: 'invalid.terraform', findings: [{ subject: TF, path: 'service_principal', line: 44 }] },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'service_principal', line: 43 }],
    },
    { fixture: 'unknown.arm-template.json', findings: [{ subject: SHOW, status: 'not-assessed', line: 40 }] },
  ],
});
