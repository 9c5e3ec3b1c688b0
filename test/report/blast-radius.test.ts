/** @module The scan report's blast-radius section, in every format, on the two examples. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ReportContext } from '../../src/report/formatter.js';
import { formatters } from '../../src/report/index.js';
import { scan } from '../../src/scan.js';
import { hasSarifSchema, jsonReportValidator, sarifValidator } from './validators.js';

const example = (name: string): string => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));

async function scanned(name: string) {
  const run = await scan([example(name)], { cwd: example(name), kubectl: false, today: '2026-11-23' });
  const context: ReportContext = {
    rules: [],
    version: '0.0.0-test',
    inputs: run.inputs,
    diagnostics: run.diagnostics,
    color: false,
    failOn: 'high',
    ...(run.blastRadius ? { blastRadius: run.blastRadius } : {}),
  };
  return { run, context };
}

interface Landing {
  workload: string;
  exposure: { control: string }[];
  reaches: { secrets: string[]; nodes: string[]; apiServer: boolean; clusterAdmin: boolean };
  paths: { targetKind: string; steps: number; controls: string[] }[];
}

describe('blast radius in the scan report', () => {
  it('unhardened: web reaches the shop secrets, a node and the API server, with the controls that break each', async () => {
    const { run, context } = await scanned('unhardened');
    const report = JSON.parse(formatters.json(run.result, context)) as { blastRadius: Landing[] };
    expect(jsonReportValidator()(report)).toEqual([]);
    const [web] = report.blastRadius;
    expect(report.blastRadius).toHaveLength(1);
    expect(web?.workload).toBe('workload:shop/web');
    expect(web?.reaches.secrets).toEqual(['shop']);
    expect(web?.reaches.nodes).toEqual(['node:nodepool1']);
    expect(web?.reaches.apiServer).toBe(true);
    expect(web?.reaches.clusterAdmin).toBe(false);
    const secrets = web?.paths.find((p) => p.targetKind === 'secrets');
    expect(secrets).toEqual({
      targetKind: 'secrets',
      target: 'secrets in namespace shop',
      steps: 2,
      controls: ['no-automount-token', 'no-secret-read'],
    });
    const table = formatters.table(run.result, { ...context, view: 'details' });
    expect(table).toContain('Blast radius (1 internet-exposed workload):');
    expect(table).toMatch(/shop\/web: \d+ workloads in \d+ namespaces, \d+ tokens, secrets of 1 namespace/);
    expect(table).toContain(
      '→ secrets: secrets in namespace shop, 2 steps, broken by no-automount-token, no-secret-read',
    );
    const markdown = formatters.markdown(run.result, context);
    expect(markdown).toContain('### Blast radius of internet-exposed workloads (1)');
    expect(markdown).toMatch(/\| shop\/web \| .*secrets of 1 namespace/);
  });

  it('hardened: web reaches no secret, no node, no token, not the API server', async () => {
    const { run, context } = await scanned('hardened');
    const report = JSON.parse(formatters.json(run.result, context)) as { blastRadius: Landing[] };
    const [web] = report.blastRadius;
    expect(web?.reaches).toMatchObject({ secrets: [], nodes: [], apiServer: false, clusterAdmin: false });
    expect(web?.paths.map((p) => p.targetKind)).not.toContain('secrets');
  });

  it.skipIf(!hasSarifSchema)('rides in the SARIF run property bag and stays valid SARIF', async () => {
    const { run, context } = await scanned('unhardened');
    const sarif = JSON.parse(formatters.sarif(run.result, context)) as {
      runs: { properties?: { blastRadius?: Landing[] } }[];
    };
    expect(sarifValidator()(sarif)).toEqual([]);
    expect(sarif.runs[0]?.properties?.blastRadius?.[0]?.workload).toBe('workload:shop/web');
  });

  it('is absent when every attack-path rule is off', async () => {
    const config = {
      rules: Object.fromEntries(
        [
          'no-exposed-path-to-secrets',
          'no-exposed-path-to-node',
          'no-exposed-path-to-cluster-admin',
          'no-stolen-token-from-internet',
        ].map((id) => [id, 'off' as const]),
      ),
    };
    const run = await scan([example('unhardened')], {
      cwd: example('unhardened'),
      kubectl: false,
      config,
    });
    expect(run.blastRadius).toBeUndefined();
  });
});
