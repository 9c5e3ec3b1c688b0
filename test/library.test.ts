/** @module The public API: every verb, called from `src/index.ts` on examples/unhardened, returns typed data. */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type {
  AccessReport,
  CanIAnswer,
  ClusterModel,
  ConnectionEntry,
  DiffResult,
  PathsResult,
  ReachResult,
  ScanResult,
  WhoCanAnswer,
} from '../src/index.js';
import {
  access,
  canI,
  diff,
  loadInputs,
  parsePort,
  paths,
  reach,
  scan,
  sideFromModel,
  whoCan,
} from '../src/index.js';

const EXAMPLE = fileURLToPath(new URL('../examples/unhardened', import.meta.url));
const WEB_SA = 'system:serviceaccount:shop:default';

let model: ClusterModel;
beforeAll(async () => {
  model = (await loadInputs([EXAMPLE], { cwd: EXAMPLE, kubectl: false })).model;
});

describe('the library verbs on examples/unhardened', () => {
  it('scan: findings, the model and the blast radius', async () => {
    const result = await scan([EXAMPLE], { cwd: EXAMPLE, kubectl: false, today: '2026-11-23' });
    expectTypeOf(result).toEqualTypeOf<ScanResult>();
    expect(result.incomplete).toBe(false);
    expect(result.result.findings.some((f) => f.ruleId === 'no-exposed-path-to-secrets')).toBe(true);
    expect(result.blastRadius?.map((l) => l.workload)).toEqual(['workload:shop/web']);
  });

  it('reach: enforcement, focused connections visited one entry at a time, and one pair explained', () => {
    const result = reach(model);
    expectTypeOf(result).toEqualTypeOf<ReachResult>();
    expect(result.enforcement.state).toBe('not-enforced');
    expect(result.peers.map((p) => p.id)).toContain('shop/db');
    const entries: ConnectionEntry[] = [];
    result.connections({ from: 'shop/web', port: parsePort('5432') }).forEachEntry((e) => entries.push(e));
    expect(entries).toContainEqual({ src: 'shop/web', dst: 'shop/db', conn: 'All Connections' });
    expect(entries.every((e) => e.src === 'shop/web')).toBe(true);
    const explanation = result.explain('shop/web', 'shop/db');
    expect(explanation.enforcement.state).toBe('not-enforced');
    expect(explanation.egress.isolated).toBe(false);
  });

  it('canI: the verdict with the Kubernetes RBAC grant that decides it', () => {
    const answer = canI(model, { verb: 'get', resource: 'secrets', namespace: 'shop', user: WEB_SA });
    expectTypeOf(answer).toEqualTypeOf<CanIAnswer>();
    expect(answer.verdict).toBe('allowed');
    expect(answer.warnings).toEqual([]);
    expect(answer.kubernetes.grants.map((g) => g.binding.name)).toContain('default-deployer');
    expect(
      canI(model, { verb: 'get', resource: 'secrets', namespace: 'kube-system', user: WEB_SA }).verdict,
    ).toBe('denied');
  });

  it('whoCan: every subject, with the workloads running as a service account', () => {
    const answer = whoCan(model, { verb: 'get', resource: 'secrets', namespace: 'shop' });
    expectTypeOf(answer).toEqualTypeOf<WhoCanAnswer>();
    const sa = answer.entries.find((e) => e.name === WEB_SA);
    expect(sa?.workloads.map((w) => w.display)).toContain('Deployment/shop/web');
    expect(answer.entries.some((e) => e.kind === 'AzurePrincipal' && e.name === 'ci-deployer')).toBe(true);
  });

  it('access: every grant of a subject, by namespace', () => {
    const report = access(model, { user: WEB_SA });
    expectTypeOf(report).toEqualTypeOf<AccessReport>();
    expect(report.superuser).toBe(false);
    expect(report.rules.some((r) => r.namespace === 'shop' && r.binding.name === 'default-deployer')).toBe(
      true,
    );
  });

  it('paths: the exposed landing with its narrative, blast radius and paths', () => {
    const result = paths(model);
    expectTypeOf(result).toEqualTypeOf<PathsResult>();
    expect(result.starts).toEqual(['workload:shop/web']);
    const [landing, ...rest] = [...result.landings()];
    expect(rest).toEqual([]);
    expect(landing?.narrative.every((s) => s.status === 'open')).toBe(true);
    expect(landing?.blastRadius).toContain('secrets in namespace shop');
    expect(landing?.paths.some((p) => p.targetKind === 'secrets')).toBe(true);
    expect(paths(model, { from: 'kube-system/log-agent' }).starts).toEqual([
      'workload:kube-system/log-agent',
    ]);
    expect(() => paths(model, { from: 'shop/nope' })).toThrow('no workload of that namespace/name');
  });

  it('diff: a model against itself changes nothing', () => {
    const side = sideFromModel('unhardened', model, '2026-11-23');
    const result = diff(side, side);
    expectTypeOf(result).toEqualTypeOf<DiffResult>();
    expect(result.changes.findings).toEqual({ opened: [], closed: [] });
    expect(result.changes.reachability).toEqual({ opened: [], closed: [] });
    expect(result.changes.blastRadius).toEqual({});
    expect(result.radiusNotCompared).toEqual([]);
  });
});
