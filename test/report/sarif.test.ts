/** @module Tests of the SARIF report: golden output, the OASIS schema, rules, results, suppressions, locations. */
import { describe, expect, it } from 'vitest';
import { artifactLocation, formatSarif } from '../../src/report/sarif.js';
import { pascalCase, peerTags } from '../../src/report/sarif-rules.js';
import { allRules } from '../../src/rules/index.js';
import { CONTEXT, EMPTY_CONTEXT, EMPTY_RESULT, FINDINGS, RESULT, must } from './fixtures.js';
import { hasSarifSchema, sarifValidator } from './validators.js';

interface SarifLocation {
  physicalLocation?: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region?: { startLine: number };
  };
  logicalLocations?: { name: string; fullyQualifiedName: string }[];
}
interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; justification: string }[];
  properties: Record<string, unknown>;
}
interface SarifLog {
  runs: {
    tool: {
      driver: {
        rules: {
          id: string;
          name: string;
          helpUri: string;
          help: { markdown: string };
          properties: Record<string, unknown>;
          defaultConfiguration: { level: string };
        }[];
      };
    };
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications: {
        level: string;
        message: { text: string };
        associatedRule?: { id: string };
      }[];
      toolConfigurationNotifications?: { level: string }[];
    }[];
    results: SarifResult[];
  }[];
}

const parse = (text: string) => JSON.parse(text) as SarifLog;

describe('formatSarif', () => {
  const out = formatSarif(RESULT, CONTEXT);
  const run = must(parse(out).runs[0], 'run');
  const resultFor = (ruleId: string) => run.results.filter((r) => r.ruleId === ruleId);

  it('matches the golden log', async () => {
    await expect(out).toMatchFileSnapshot('__snapshots__/basic.sarif.json');
  });

  it.skipIf(!hasSarifSchema)('validates against the SARIF 2.1.0 schema', () => {
    const validate = sarifValidator();
    expect(validate(JSON.parse(out))).toEqual([]);
    expect(validate(JSON.parse(formatSarif(EMPTY_RESULT, EMPTY_CONTEXT)))).toEqual([]);
    // The validator can fail: a result without a message is rejected.
    expect(
      validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'a' }] }] }),
    ).not.toEqual([]);
  });

  it('describes every rule from its metadata', () => {
    const rules = run.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(CONTEXT.rules.map((r) => r.id));
    const api = must(rules[0], 'rule');
    expect(api.name).toBe('FakePrivateApi');
    expect(api.helpUri).toBe('https://github.com/aksward/aksward/blob/main/docs/rules/fake-private-api.md');
    expect(api.defaultConfiguration.level).toBe('error');
    expect(api.properties).toEqual({
      tags: [
        'security',
        'api-server',
        'CKV_AZURE_115',
        'CKV_AZURE_6',
        'AZU-0041',
        'AzurePolicy-040732e8',
        'CIS-5.4.1',
      ],
      'security-severity': '9.5',
      precision: 'very-high',
    });
    expect(api.help.markdown).toContain('```sh\naz aks update');
    expect(api.help.markdown).toContain('```hcl\nprivate_cluster_enabled = true\n```');
    // A snippet holding ``` gets a longer fence.
    expect(rules.find((r) => r.id === 'fake-privileged')?.help.markdown).toContain('````yaml\n');
  });

  it('lists failures and suppressed failures only, with levels from severity', () => {
    expect(run.results).toHaveLength(10);
    expect(run.results.map((r) => r.ruleId)).not.toContain('fake-audit-logs');
    expect(run.results.map((r) => r.ruleId)).not.toContain('fake-etcd-encryption');
    expect(resultFor('fake-private-api').map((r) => r.level)).toEqual(['error']);
    expect(resultFor('fake-node-ssh')[0]?.level).toBe('warning');
    expect(resultFor('fake-mutable-tag').map((r) => r.level)).toEqual(['note', 'note']);
    expect(resultFor('fake-node-ssh')[0]?.ruleIndex).toBe(7);
  });

  it('marks suppressions as in-source or external with the justification', () => {
    expect(resultFor('fake-local-accounts')[0]?.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: 'Break-glass account, reviewed quarterly (until 2027-01-31)',
      },
    ]);
    const annotated = resultFor('fake-wildcard-role').find((r) => r.suppressions);
    expect(annotated?.suppressions?.[0]).toMatchObject({
      kind: 'inSource',
      justification: 'CI needs it | ticket SEC-12',
    });
    const commented = resultFor('fake-mutable-tag').find((r) => r.suppressions);
    expect(commented?.suppressions?.[0]?.kind).toBe('inSource');
  });

  it('points at the real line with a relative forward-slash URI', () => {
    const [api] = resultFor('fake-private-api');
    expect(api?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'cluster.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12, startColumn: 7 },
    });
    expect(api?.locations[0]?.logicalLocations).toEqual([
      { name: 'aks-prod', fullyQualifiedName: 'managedClusters/aks-prod', kind: 'resource' },
    ]);
    expect(resultFor('fake-node-ssh')[0]?.locations[0]?.physicalLocation?.artifactLocation.uri).toBe(
      'infra/legacy/aks.json',
    );
    const spaced = resultFor('fake-wildcard-role').find((r) => !r.suppressions);
    expect(spaced?.locations[0]?.physicalLocation?.artifactLocation.uri).toBe('manifests/team%20a/rbac.yaml');
  });

  it('points Helm-rendered findings at the chart template, without a rendered line', () => {
    const [privileged] = resultFor('fake-privileged');
    expect(privileged?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'charts/shop/templates/deployment.yaml', uriBaseId: '%SRCROOT%' },
    });
  });

  it('gives stdin findings a logical location only', () => {
    const [path] = resultFor('fake-exposed-path');
    expect(path?.locations[0]?.physicalLocation).toBeUndefined();
    expect(path?.locations[0]?.logicalLocations?.[0]?.fullyQualifiedName).toBe('Deployment/shop/api');
  });

  it('never writes a region for a line that is not real', () => {
    const zero = {
      ...must(
        FINDINGS.find((f) => f.ruleId === 'fake-network-engine'),
        'network finding',
      ),
      location: { file: 'cluster.json', line: 0 },
    };
    const log = parse(formatSarif({ ...RESULT, findings: [zero] }, CONTEXT));
    expect(log.runs[0]?.results[0]?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'cluster.json', uriBaseId: '%SRCROOT%' },
    });
  });

  it('fingerprints by the engine fingerprint, which ignores lines', () => {
    const finding = must(
      FINDINGS.find((f) => f.ruleId === 'fake-network-engine'),
      'network finding',
    );
    const [result] = resultFor('fake-network-engine');
    expect(result?.partialFingerprints).toEqual({ 'aksward/v1': finding.fingerprint });
    const moved = { ...finding, location: { ...finding.location, line: 99 } };
    const again = parse(formatSarif({ ...RESULT, findings: [moved] }, CONTEXT)).runs[0]?.results[0];
    expect(again?.partialFingerprints).toEqual(result?.partialFingerprints);
  });

  it('adds the concrete fix and notes to the message only when they add something', () => {
    expect(resultFor('fake-network-engine')[0]?.message.text).toBe(
      'No network policy engine: networkPolicy is "none".\nFix: Recreate the cluster with --network-policy cilium --network-dataplane cilium.',
    );
    expect(resultFor('fake-private-api')[0]?.message.text).toBe(
      'The API server is public, restricted to authorized IP ranges.',
    );
    expect(resultFor('fake-mutable-tag').find((r) => !r.suppressions)?.message.text).toContain(
      '\nNote: suppression expired on 2026-01-01',
    );
  });

  it('reports not-assessed and provider-managed checks and diagnostics as notifications, not results', () => {
    const invocation = must(run.invocations[0], 'invocation');
    expect(invocation.executionSuccessful).toBe(false);
    const notes = invocation.toolExecutionNotifications;
    expect(notes.map((n) => n.level)).toEqual(['error', 'warning', 'note', 'note', 'note', 'note']);
    expect(notes[0]?.message.text).toBe('manifests/broken.yaml: Unexpected end of flow sequence');
    expect(notes.filter((n) => n.associatedRule).map((n) => n.associatedRule?.id)).toEqual([
      'fake-private-api',
      'fake-etcd-encryption',
      'fake-audit-logs',
    ]);
    expect(invocation.toolConfigurationNotifications?.map((n) => n.level)).toEqual([
      'warning',
      'warning',
      'note',
      'note',
    ]);
  });

  it.skipIf(!hasSarifSchema)("describes the registry's real rules validly", () => {
    const log = JSON.parse(formatSarif(EMPTY_RESULT, { ...EMPTY_CONTEXT, rules: allRules })) as SarifLog;
    expect(sarifValidator()(log)).toEqual([]);
    const rules = must(log.runs[0], 'run').tool.driver.rules;
    expect(rules).toHaveLength(allRules.length);
    for (const rule of rules) {
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(rule.properties['tags']).toContain('security');
    }
  });

  it('carries admission in the properties and the message of the result it blocks', () => {
    const [privileged] = resultFor('fake-privileged');
    expect(privileged?.properties).toEqual({
      severity: 'critical',
      surface: 'workloads',
      admission:
        'blocked at admission: namespace shop enforces baseline (pod-security.kubernetes.io/enforce): its Privileged Containers control rejects these pods',
    });
    expect(privileged?.message.text).toBe(
      'Container "app" runs privileged.\nblocked at admission: namespace shop enforces baseline (pod-security.kubernetes.io/enforce): its Privileged Containers control rejects these pods',
    );
    expect(resultFor('fake-mutable-tag').every((r) => !('admission' in r.properties))).toBe(true);
  });

  it('has results even when there are none', () => {
    const log = parse(formatSarif(EMPTY_RESULT, EMPTY_CONTEXT));
    expect(log.runs[0]?.results).toEqual([]);
    expect(log.runs[0]?.invocations[0]?.executionSuccessful).toBe(true);
  });
});

describe('SARIF helpers', () => {
  it('turns ids into PascalCase names', () => {
    expect(pascalCase('require-private-cluster')).toBe('RequirePrivateCluster');
    expect(pascalCase('no-k8s-rbac')).toBe('NoK8sRbac');
  });

  it('prefixes CIS and Azure Policy ids once', () => {
    expect(peerTags({ cis: ['5.4.1', 'CIS-4.1.1'], azurePolicy: ['AzurePolicy-1', '2'] })).toEqual([
      'AzurePolicy-1',
      'AzurePolicy-2',
      'CIS-5.4.1',
      'CIS-4.1.1',
    ]);
  });

  it('maps files to artifact locations', () => {
    expect(artifactLocation('./a/b.yaml')).toEqual({ uri: 'a/b.yaml', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('a\\b c#1.yaml')).toEqual({ uri: 'a/b%20c%231.yaml', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('/srv/repo/x.yaml')).toEqual({ uri: 'file:///srv/repo/x.yaml' });
    expect(artifactLocation('C:\\repo\\x.yaml')).toEqual({ uri: 'file:///C:/repo/x.yaml' });
    expect(artifactLocation('<stdin>')).toBeUndefined();
  });

  it('gives the other definitions of a subject as related locations the message links to', () => {
    // GitHub code scanning shows only the first of `locations`, and a related location only where the message links it.
    const high = must(
      FINDINGS.find((f) => f.ruleId === 'fake-private-api'),
      'high finding',
    );
    const locations = [
      { file: 'base/a.yaml', line: 3 },
      { file: 'overlays/[prod]/a.yaml', line: 9 },
    ];
    const log = parse(
      formatSarif(
        { ...RESULT, findings: [{ ...high, location: locations[0] ?? high.location, locations }] },
        CONTEXT,
      ),
    );
    const result = must(log.runs[0]?.results[0], 'result') as SarifResult & {
      relatedLocations?: (SarifLocation & { id: number; message: { text: string } })[];
    };
    expect(result.locations).toHaveLength(1);
    expect(result.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: {
          artifactLocation: { uri: 'overlays/%5Bprod%5D/a.yaml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 9 },
        },
        message: { text: 'also defined here' },
      },
    ]);
    expect(result.message.text.split('\n').at(-1)).toBe('Also defined in [overlays/\\[prod\\]/a.yaml:9](1).');
  });
});
