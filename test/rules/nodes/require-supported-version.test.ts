import { DEFAULT_RULE_SETTINGS } from '../../../src/rules/define-rule.js';
/** @module Tests for require-supported-version: the default list, the options, LTS and unparsable versions. */
import { describe, expect, it } from 'vitest';
import type { AksCluster } from '../../../src/model/index.js';
import rule, { DEFAULT_SUPPORTED_VERSIONS } from '../../../src/rules/nodes/require-supported-version.js';
import type { RuleResult } from '../../helpers/cluster-from.js';
import { clusterFrom, modelOf } from '../../helpers/cluster-from.js';
import { testRule } from '../../helpers/test-rule.js';

const CLUSTER = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

testRule('require-supported-version', {
  valid: [
    'valid.arm-rest.json',
    'valid.arm-template.json',
    'valid.az-aks-show.json',
    'valid.terraform',
    'valid.terraform-plan.json',
  ],
  invalid: [
    {
      fixture: 'invalid.arm-rest.json',
      findings: [{ subject: CLUSTER, path: 'properties.kubernetesVersion', line: 17 }],
    },
    {
      fixture: 'invalid.arm-template.json',
      findings: [{ subject: CLUSTER, path: 'properties.kubernetesVersion', line: 31 }],
    },
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: CLUSTER, path: 'kubernetesVersion', line: 24 }],
    },
    { fixture: 'invalid.terraform', findings: [{ subject: TF, path: 'kubernetes_version', line: 19 }] },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'kubernetes_version', line: 19 }],
    },
    {
      fixture: 'unknown.arm-template.json',
      findings: [
        { subject: CLUSTER, path: 'properties.kubernetesVersion', status: 'not-assessed', line: 37 },
      ],
    },
  ],
});

function run(
  cluster: AksCluster,
  raw: Record<string, unknown> = {},
): Pick<RuleResult, 'status' | 'message'>[] {
  const results: Pick<RuleResult, 'status' | 'message'>[] = [];
  rule.check({
    settings: DEFAULT_RULE_SETTINGS,
    model: modelOf(cluster),
    options: rule.parseOptions?.(raw) ?? { supportedVersions: [], lts: [] },
    analyses: {},
    report: (input) => results.push({ status: input.status ?? 'fail', message: input.message }),
  });
  return results;
}
const version = (kubernetesVersion: string) => clusterFrom({ kubernetesVersion });

describe('require-supported-version (in memory)', () => {
  it('defaults to the AKS-supported GA minors of its release date', () => {
    expect(DEFAULT_SUPPORTED_VERSIONS).toEqual(['1.34', '1.35', '1.36', '1.37']);
  });

  it.each(['1.35.2', '1.36', 'v1.37.1', '1.34.9'])('passes %s by default', (value) => {
    expect(run(version(value)).map((r) => r.status)).toEqual(['pass']);
  });

  it('fails an old minor, naming the supported list', () => {
    const [result] = run(version('1.31.4'));
    expect(result?.status).toBe('fail');
    expect(result?.message).toBe(
      'Kubernetes 1.31.4 is outside the supported window (1.34, 1.35, 1.36, 1.37) and no longer receives security fixes.',
    );
  });

  it('fails a minor newer than the list and says the list may be out of date', () => {
    const [result] = run(version('1.38.0'));
    expect(result?.status).toBe('fail');
    expect(result?.message).toContain('newer than every supported minor');
  });

  it('uses the configured lists, and passes LTS minors with a note', () => {
    const options = { supportedVersions: ['1.36', '1.37', '1.38'], lts: ['1.33'] };
    expect(run(version('1.38.1'), options).map((r) => r.status)).toEqual(['pass']);
    expect(run(version('1.35.2'), options).map((r) => r.status)).toEqual(['fail']);
    const [lts] = run(version('1.33.5'), options);
    expect(lts?.status).toBe('pass');
    expect(lts?.message).toContain('AKSLongTermSupport');
  });

  it('rejects malformed options', () => {
    expect(() => rule.parseOptions?.({ supportedVersions: ['1.35.2'] })).toThrow(/minor version/);
    expect(() => rule.parseOptions?.({ supportedVersions: [] })).toThrow();
    expect(() => rule.parseOptions?.({ versions: ['1.35'] })).toThrow();
  });

  it('is not assessed for a version it cannot parse, or an unknown one', () => {
    expect(run(version('latest')).map((r) => r.status)).toEqual(['not-assessed']);
    expect(run(clusterFrom({})).map((r) => r.status)).toEqual(['not-assessed']);
    const unknown = clusterFrom({ kubernetesVersion: '1.35' }, { unknown: ['kubernetesVersion'] });
    expect(run(unknown).map((r) => r.status)).toEqual(['not-assessed']);
  });
});
