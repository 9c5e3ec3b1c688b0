/** @module The multi-app example (issue 13): alternative installs, unrelated samples, a namespace-less install. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KUBECTL } from '../helpers/kubectl.js';
import type { ClusterScopeMode } from '../../src/load/load-inputs.js';
import { formatJson } from '../../src/report/json.js';
import { formatSarif } from '../../src/report/sarif.js';
import type { ReportContext } from '../../src/report/formatter.js';
import { scan } from '../../src/scan.js';
import { jsonReportValidator } from '../report/validators.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/multi-app/', import.meta.url));

const run = (clusterScope: ClusterScopeMode, kubectl: string | false = false) =>
  scan(['.'], { cwd: EXAMPLE, kubectl, clusterScope, today: '2026-12-01' });

const context = (scanned: Awaited<ReturnType<typeof run>>): ReportContext => ({
  rules: [],
  version: 'test',
  inputs: scanned.inputs,
  diagnostics: scanned.diagnostics,
  color: false,
  failOn: 'none',
  ...(scanned.scopes.length > 1 ? { scopes: scanned.scopes } : {}),
});

/** The namespaces the guestbook's exposed frontend reaches, per the scan's blast radius. */
const guestbookReach = (scanned: Awaited<ReturnType<typeof run>>) =>
  scanned.blastRadius?.find((landing) => landing.workload === 'workload:guestbook/frontend')?.radius;

describe('scan examples/multi-app', () => {
  it('forms no attack path from one sample app into another (it does when told the inputs are one cluster)', async () => {
    const scoped = await run('auto');
    expect(guestbookReach(scoped)).toMatchObject({ namespaces: [], nodes: [] });
    const merged = await run('all');
    // The control: as one cluster, the guestbook reaches the privileged node agent of the other sample.
    expect(guestbookReach(merged)?.namespaces).toContain('monitoring');
    expect(guestbookReach(merged)?.nodes.length).toBeGreaterThan(0);
  });

  it('reports the web Deployment of two alternative installs once, with both locations and both scopes', async () => {
    const { result } = await run('auto');
    const web = result.findings.filter(
      (f) => f.subject.display === 'Deployment/shop/web' && f.ruleId === 'require-resource-limits',
    );
    expect(web.map((f) => [f.location.file, f.locations?.map((l) => l.file), f.scopes])).toEqual([
      [
        'shop/all-in-one.yaml',
        ['shop/all-in-one.yaml', 'shop/quickstart/web.yaml'],
        ['shop/all-in-one.yaml', 'shop/quickstart'],
      ],
    ]);
    // The api differs between the two installs (another image): two objects, two findings.
    const api = result.findings.filter(
      (f) => f.subject.display === 'Deployment/shop/api' && f.ruleId === 'require-resource-limits',
    );
    expect(api.map((f) => [f.location.file, f.locations])).toEqual([
      ['shop/all-in-one.yaml', undefined],
      ['shop/quickstart/api.yaml', undefined],
    ]);
  });

  it('keeps the same object of two files in one cluster once, each location at its own property line', async () => {
    const { result } = await run('all');
    const web = result.findings.filter(
      (f) => f.subject.display === 'Deployment/shop/web' && f.ruleId === 'require-resource-limits',
    );
    expect(web).toHaveLength(1);
    const [primary, copy] = web[0]?.locations ?? [];
    expect([primary?.file, copy?.file, web[0]?.scopes]).toEqual([
      'shop/all-in-one.yaml',
      'shop/quickstart/web.yaml',
      undefined,
    ]);
    // The Deployment starts at line 7 of all-in-one.yaml (after the Namespace) and at line 2 of web.yaml:
    // the property line is located in each file, not copied.
    expect(copy?.line).toBe((primary?.line ?? 0) - 5);
  });

  it('states the scopes in the JSON report and points SARIF at the other definitions', async () => {
    const scanned = await run('auto');
    const json = JSON.parse(formatJson(scanned.result, context(scanned))) as {
      scopes?: { name: string }[];
    };
    expect(jsonReportValidator()(json)).toEqual([]);
    expect(json.scopes?.map((s) => s.name)).toEqual(scanned.scopes.map((s) => s.name));
    const sarif = JSON.parse(formatSarif(scanned.result, context(scanned))) as {
      runs: {
        results: {
          relatedLocations?: {
            physicalLocation: { artifactLocation: { uri: string } };
            message: { text: string };
          }[];
        }[];
      }[];
    };
    // The other definitions of a subject (root causes are related locations too, with their own message).
    const related = (sarif.runs[0]?.results.flatMap((r) => r.relatedLocations ?? []) ?? []).filter(
      (r) => r.message.text === 'also defined here',
    );
    expect(new Set(related.map((r) => r.physicalLocation.artifactLocation.uri))).toEqual(
      new Set(['shop/quickstart/web.yaml']),
    );
  });

  it('counts the failures of the merged findings once', async () => {
    const { result } = await run('auto');
    const failed = Object.values(result.coverage).reduce((sum, c) => sum + c.failed, 0);
    expect(failed).toBe(result.findings.filter((f) => f.status === 'fail').length);
  });

  it.skipIf(!KUBECTL)('makes each kustomize overlay its own cluster', async () => {
    const scanned = await run('auto', 'kubectl');
    expect(scanned.scopes.map((s) => s.name)).toEqual([
      'namespace-less/install.yaml',
      'samples/guestbook/frontend.yaml',
      'samples/monitoring/node-agent.yaml',
      'shop/all-in-one.yaml',
      'shop/kustomize/overlays/dev',
      'shop/kustomize/overlays/prod',
      'shop/quickstart',
    ]);
  });
});
