/** @module Attack-path fixtures: loads `test/fixtures/paths/<name>` through the real loaders and shapes paths for exact comparison. */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { expect } from 'vitest';
import { loadInputs } from '../../src/load/load-inputs.js';
import { attackGraphOf, pathsFrom } from '../../src/analysis/paths/index.js';
import type { AttackGraph, EdgeKind, GraphEdge, TargetKind } from '../../src/analysis/paths/index.js';
import type { ClusterModel } from '../../src/model/index.js';

export const PATH_FIXTURES = fileURLToPath(new URL('../fixtures/paths/', import.meta.url));

export interface LoadedFixture {
  readonly model: ClusterModel;
  readonly graph: AttackGraph;
}

/** Loads one fixture folder (manifests, and a cluster.json when the edge needs cluster facts); fails on any error. */
export async function loadPathFixture(name: string): Promise<LoadedFixture> {
  const dir = path.join(PATH_FIXTURES, name);
  const { model, diagnostics } = await loadInputs([dir], { cwd: dir, kubectl: false });
  const problems = diagnostics.filter((d) => d.level !== 'info').map((d) => `${d.level}: ${d.message}`);
  if (problems.length > 0) throw new Error(`fixture ${name} did not load cleanly: ${problems.join('; ')}`);
  return { model, graph: attackGraphOf(model) };
}

/** One expected step: everything but the evidence exactly, the evidence by a key fragment. */
export interface ExpectedStep {
  readonly kind: EdgeKind;
  readonly from: string;
  readonly to: string;
  readonly control: string;
  readonly evidence: string;
  /** Network steps only: whether every port is open. */
  readonly flat?: boolean;
}

export interface ExpectedPath {
  readonly target: string;
  readonly targetKind: TargetKind;
  readonly steps: readonly ExpectedStep[];
}

export function step(
  kind: EdgeKind,
  from: string,
  to: string,
  control: string,
  evidence: string,
  flat?: boolean,
): ExpectedStep {
  return { kind, from, to, control, evidence, ...(flat === undefined ? {} : { flat }) };
}

export function pathTo(target: string, targetKind: TargetKind, ...steps: ExpectedStep[]): ExpectedPath {
  return { target, targetKind, steps };
}

function shapeStep(edge: GraphEdge): Record<string, unknown> {
  const { kind, from, to, control, evidence, flat } = edge;
  return { kind, from, to, control, evidence, ...(flat === undefined ? {} : { flat }) };
}

/** Asserts that the paths from `start` are exactly these, in order (shortest first, then by target kind and id). */
export function expectPaths(graph: AttackGraph, start: string, expected: readonly ExpectedPath[]): void {
  const actual = pathsFrom(graph, start).map((p) => ({
    target: p.target.id,
    targetKind: p.targetKind,
    steps: p.steps.map(shapeStep),
  }));
  expect(actual).toEqual(
    expected.map((p) => ({
      ...p,
      steps: p.steps.map((s) => ({ ...s, evidence: expect.stringContaining(s.evidence) as unknown })),
    })),
  );
}

/** The explicit edges of one kind, as `from -> to`, sorted. */
export function edgesOfKind(graph: AttackGraph, kind: EdgeKind): string[] {
  return graph.edges
    .filter((e) => e.kind === kind)
    .map((e) => `${e.from} -> ${e.to}`)
    .sort();
}
