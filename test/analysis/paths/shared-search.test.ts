/**
 * @module Landings with the same frontier share one search (shared-search.ts): each landing's digest and
 * full search must be the ones a search of its own gives, field for field, on random real models, on the
 * examples and on the bench's medium cluster, where many landings do share (replicas under one policy).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- the bench generator is plain JavaScript, without types
import { writeCluster } from '../../../bench/generate-cluster.mjs';
import type { AttackGraph } from '../../../src/analysis/paths/index.js';
import { attackGraphOf } from '../../../src/analysis/paths/index.js';
import {
  directDigest,
  directLandingSearch,
  landingDigest,
  landingSearch,
} from '../../../src/analysis/paths/search.js';
import { indexedGraph } from '../../../src/analysis/paths/bfs.js';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { randomCluster } from '../../helpers/random-cluster.js';
import { modelOfCluster } from '../../helpers/random-cluster-model.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../../../examples');

function workloads(graph: AttackGraph): string[] {
  return [...graph.nodes.values()].filter((n) => n.kind === 'workload').map((n) => n.id);
}

/**
 * How many workloads share their frontier with another (same explicit targets, tokens without rights
 * aside, same network row); with `spares` false, counting those tokens too (the frontier before they
 * were set aside).
 */
function sharing(graph: AttackGraph, spares = true): number {
  const g = indexedGraph(graph);
  const keys = new Map<string, number>();
  for (const id of workloads(graph)) {
    const i = g.index.get(id) ?? -1;
    const row = g.netOf[i] ?? -1;
    const group = g.network && row >= 0 ? g.network.groupOf[row] : -1;
    const targets = [...g.targets.subarray(g.offsets[i], g.offsets[i + 1])];
    const key = `${String(group)}|${targets.filter((t) => !spares || g.spareToken[t] !== 1).join(',')}`;
    keys.set(key, (keys.get(key) ?? 0) + 1);
  }
  return [...keys.values()].filter((n) => n > 1).reduce((a, b) => a + b, 0);
}

/**
 * Every workload's shared digest and full search equal its own search's; asked in reverse order, and the
 * full searches in an order that interleaves frontiers, past the few walks kept.
 */
function expectSameDigests(graph: AttackGraph): void {
  const ids = workloads(graph);
  for (const id of [...ids].reverse()) expect(landingDigest(graph, id), id).toEqual(directDigest(graph, id));
  const interleaved = [...ids.filter((_, i) => i % 2 === 0), ...ids.filter((_, i) => i % 2 === 1)];
  for (const id of [...interleaved, ...interleaved.slice(0, 5)])
    expect(landingSearch(graph, id), id).toEqual(directLandingSearch(graph, id));
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('landing digests shared by a frontier', () => {
  it('equal a search of their own on random real models', () => {
    let shared = 0;
    let bySpares = 0;
    fc.assert(
      fc.property(randomCluster, (cluster) => {
        const graph = attackGraphOf(modelOfCluster(cluster));
        shared += sharing(graph);
        bySpares += sharing(graph) - sharing(graph, false);
        expectSameDigests(graph);
      }),
      { numRuns: 60 },
    );
    // The property is not vacuous: some generated clusters have landings that share a frontier, some only
    // because the tokens without rights they mount are set aside.
    expect(shared).toBeGreaterThan(0);
    expect(bySpares).toBeGreaterThan(0);
  });

  it.each(['unhardened', 'multi-tenant', 'hardened', 'multi-app'])(
    'equal a search of their own on examples/%s',
    async (name) => {
      const dir = path.join(EXAMPLES, name);
      const { model } = await loadInputs([dir], { cwd: dir, kubectl: false });
      expectSameDigests(attackGraphOf(model));
    },
  );

  it('equal a search of their own on the bench medium cluster, where most landings share', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aksward-shared-'));
    dirs.push(dir);
    (writeCluster as (dir: string, size: string) => void)(dir, 'medium');
    const { model } = await loadInputs([dir], { cwd: dir, kubectl: false });
    const graph = attackGraphOf(model);
    expect(sharing(graph)).toBeGreaterThan(workloads(graph).length / 4);
    expect(sharing(graph)).toBeGreaterThan(sharing(graph, false));
    expectSameDigests(graph);
  }, 120_000);
});
