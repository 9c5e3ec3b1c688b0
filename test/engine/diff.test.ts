/** @module The `diff` verb: unhardened → hardened closes findings, connections and blast radius. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diff, diffModels, savedReportOf, sideFromModel, sideFromSaved } from '../../src/engine/diff.js';
import { loadInputs } from '../../src/load/load-inputs.js';

const example = (name: string): string => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));
const load = async (name: string) =>
  (await loadInputs([example(name)], { cwd: example(name), kubectl: false })).model;

describe('diff', () => {
  it('reports what hardening closed', async () => {
    const before = await load('unhardened');
    const after = await load('hardened');
    const changes = diffModels(before, after, '2026-11-23');
    expect(changes.findings.closed).toContain('no-exposed-path-to-secrets fail Deployment/shop/web');
    expect(changes.findings.closed).toContain('no-stolen-token-from-internet fail Deployment/shop/web');
    expect(changes.reachability?.closed.some((c) => c.startsWith('shop/web → shop/db '))).toBe(true);
    expect(changes.blastRadius['workload:shop/web']?.closed).toContain('secrets in namespace shop');
    expect(changes.blastRadius['workload:shop/web']?.closed).toContain(
      'the API server from outside the cluster',
    );
    const same = diffModels(before, before, '2026-11-23');
    expect(same.findings).toEqual({ opened: [], closed: [] });
    expect(same.reachability).toEqual({ opened: [], closed: [] });
    expect(same.blastRadius).toEqual({});
  });

  it('names the saved sides whose blast radius it cannot compare, and compares no connections with them', async () => {
    const model = await load('hardened');
    const old = savedReportOf({ schemaVersion: '1.1', tool: { name: 'aksward' }, findings: [] }, 'old.json');
    expect(old).toBeDefined();
    if (!old) return;
    const result = diff(sideFromSaved('old.json', old), sideFromModel('now', model, '2026-11-23'));
    expect(result.radiusNotCompared).toEqual(['old.json']);
    expect(result.changes.reachability).toBeUndefined();
    expect(result.changes.reachabilityNote).toBe(
      'not compared: old.json is a saved result, which hold no connection list',
    );
    expect(result.changes.blastRadius).toEqual({});
  });

  it('reads only aksward results of schema 1.x', () => {
    expect(savedReportOf({ tool: { name: 'kube-score' } }, 'x.json')).toBeUndefined();
    expect(savedReportOf(null, 'x.json')).toBeUndefined();
    expect(() => savedReportOf({ tool: { name: 'aksward' }, schemaVersion: '2.0' }, 'x.json')).toThrow(
      'x.json: an aksward result of schema 2.0; this version reads 1.x',
    );
  });
});
