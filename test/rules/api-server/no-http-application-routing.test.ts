/** @module Tests for no-http-application-routing. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/api-server/no-http-application-routing.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { testRule } from '../../helpers/test-rule.js';

const SHOW = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';
const routing = (enabled: unknown) => clusterFrom({ addonProfiles: { httpApplicationRouting: { enabled } } });

describe('no-http-application-routing on in-memory clusters', () => {
  it('fails an enabled add-on, passes a disabled or defaulted one, and does not assess unknown', () => {
    const results = runRuleOnClusters(
      rule,
      routing(true),
      routing(false),
      clusterFrom({}),
      clusterFrom({}, { unknown: ['addonProfiles.httpApplicationRouting.enabled'] }),
      routing('sometimes'),
    );
    expect(results.map((r) => r.status)).toEqual(['fail', 'pass', 'pass', 'not-assessed', 'not-assessed']);
    expect(results[0]).toMatchObject({ severity: 'medium' });
  });
});

testRule('no-http-application-routing', {
  valid: [
    'valid.az-aks-show.json',
    'valid.arm-rest.json',
    'valid.arm-template.json',
    'valid.terraform',
    'valid.terraform-plan.json',
    'valid.default.az-aks-show.json',
  ],
  invalid: [
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [
        { subject: SHOW, path: 'addonProfiles.httpApplicationRouting.enabled', severity: 'medium', line: 46 },
      ],
    },
    {
      fixture: 'invalid.arm-rest.json',
      findings: [
        { subject: SHOW, path: 'properties.addonProfiles.httpApplicationRouting.enabled', line: 37 },
      ],
    },
    { fixture: 'invalid.arm-template.json', findings: [{ subject: SHOW, line: 54 }] },
    // azurerm 4.0 removed the attribute: only the 3.x spelling can enable the add-on.
    {
      fixture: 'invalid.terraform-v3',
      findings: [{ subject: TF, path: 'http_application_routing_enabled', line: 43 }],
    },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'http_application_routing_enabled', line: 52 }],
    },
  ],
});
