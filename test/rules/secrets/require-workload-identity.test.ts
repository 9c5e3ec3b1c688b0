/** @module Tests for require-workload-identity: fixtures in every format, and the issuer/identity combinations in memory. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/secrets/require-workload-identity.js';
import { clusterFrom, clusterPathLine, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

const CLUSTER = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

testRule('require-workload-identity', {
  valid: [
    'valid.arm-rest.json',
    'valid.arm-template.json',
    'valid.az-aks-show.json',
    'valid.bicep.arm-template.json',
    'valid.terraform',
    'valid.terraform-plan.json',
  ],
  invalid: [
    {
      fixture: 'invalid.arm-rest.json',
      findings: [{ subject: CLUSTER, path: 'properties.oidcIssuerProfile.enabled', line: 33 }],
    },
    {
      fixture: 'invalid.arm-template.json',
      findings: [{ subject: CLUSTER, path: 'properties.oidcIssuerProfile.enabled', line: 34 }],
    },
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: CLUSTER, path: 'oidcIssuerProfile.enabled', line: 29 }],
    },
    {
      fixture: 'invalid.default.arm-template.json',
      findings: [{ subject: CLUSTER, path: 'properties.oidcIssuerProfile.enabled', line: 30 }],
    },
    {
      fixture: 'invalid.terraform',
      findings: [{ subject: TF, path: 'workload_identity_enabled', line: 23 }],
    },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'oidc_issuer_enabled', line: 44 }],
    },
    {
      fixture: 'unknown.arm-template.json',
      findings: [
        {
          subject: CLUSTER,
          path: 'properties.securityProfile.workloadIdentity.enabled',
          status: 'not-assessed',
          line: 44,
        },
      ],
    },
  ],
});

describe('require-workload-identity (messages)', () => {
  it('says what decided the result (invalid.default.arm-template.json)', async () => {
    const { result } = await runRuleOn('require-workload-identity', 'invalid.default.arm-template.json');
    expect(result.findings[0]?.basis).toBe('default');
  });
});

describe('require-workload-identity (in memory)', () => {
  const both = (oidc: boolean, identity: boolean) => ({
    oidcIssuerProfile: { enabled: oidc },
    securityProfile: { workloadIdentity: { enabled: identity } },
  });

  it('passes when the OIDC issuer and workload identity are both on', () => {
    expect(runRuleOnClusters(rule, clusterFrom(both(true, true)))).toEqual([
      expect.objectContaining({ status: 'pass', path: 'properties.oidcIssuerProfile.enabled' }),
    ]);
  });

  it('fails once per cluster, at the first setting that is off, naming both when both are off', () => {
    const [result, ...rest] = runRuleOnClusters(rule, clusterFrom(both(false, false)));
    expect(rest).toEqual([]);
    expect(result).toMatchObject({
      status: 'fail',
      severity: 'critical',
      path: 'properties.oidcIssuerProfile.enabled',
      line: clusterPathLine('oidcIssuerProfile.enabled'),
    });
    expect(result?.message).toContain('the OIDC issuer is false');
    expect(result?.message).toContain('workload identity is false');
  });

  it('names only workload identity when the issuer is on', () => {
    const [result] = runRuleOnClusters(rule, clusterFrom(both(true, false)));
    expect(result).toMatchObject({
      status: 'fail',
      path: 'properties.securityProfile.workloadIdentity.enabled',
    });
    expect(result?.message).not.toContain('OIDC');
  });

  it('says a value is the AKS default when the definition omits it', () => {
    const [result] = runRuleOnClusters(rule, clusterFrom({ oidcIssuerProfile: { enabled: true } }));
    expect(result?.status).toBe('fail');
    expect(result?.basis).toBe('default');
  });

  it('fails on a known-off setting even when the other is unknown', () => {
    const cluster = clusterFrom(both(false, true), { unknown: ['securityProfile.workloadIdentity.enabled'] });
    expect(runRuleOnClusters(rule, cluster).map((r) => r.status)).toEqual(['fail']);
  });

  it('is not assessed when one is unknown and the other on', () => {
    const cluster = clusterFrom(both(true, true), { unknown: ['securityProfile.workloadIdentity.enabled'] });
    const [result] = runRuleOnClusters(rule, cluster);
    expect(result).toMatchObject({
      status: 'not-assessed',
      path: 'properties.securityProfile.workloadIdentity.enabled',
    });
    expect(result?.message).toContain('parameter without a value');
  });

  it('is not assessed on a partial input that omits both', () => {
    const results = runRuleOnClusters(rule, clusterFrom({}, { complete: false }));
    expect(results).toEqual([
      expect.objectContaining({ status: 'not-assessed', path: 'properties.oidcIssuerProfile.enabled' }),
    ]);
  });
});
