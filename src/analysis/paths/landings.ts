/**
 * @module The landings of a model: for each landing workload (every internet-exposed one, or the one
 * asked for), how it is exposed, the seeds' breach narrative, its blast radius and its paths, as data
 * (rendered by `report/paths/`), and the short summary of each that the scan report carries.
 */
import type { ClusterModel } from '../../model/index.js';
import { attackGraphOf } from './graph.js';
import type { NarrativeStep } from './narrative.js';
import { narrativeOf } from './narrative.js';
import type { AttackPath, BlastRadius } from './search.js';
import { exposedWorkloads, landingDigest, landingSearch, radiusLabels } from './search.js';
import type { AttackGraph, GraphEdge } from './types.js';
import { INTERNET, NO_CONTROL } from './types.js';

export interface LandingReport {
  readonly workload: string;
  readonly label: string;
  readonly exposure: readonly GraphEdge[];
  readonly narrative: readonly NarrativeStep[];
  /** One label per asset reached (`secrets in namespace shop`, `cluster-admin`, ...). */
  readonly blastRadius: readonly string[];
  readonly radius: BlastRadius;
  readonly paths: readonly AttackPath[];
}

/** The landing workloads: every internet-exposed one, or the one asked for. */
export function landingStarts(model: ClusterModel, from?: string): string[] {
  return from === undefined ? exposedWorkloads(attackGraphOf(model)) : [from];
}

/** The full report of one landing: exposure, narrative, blast radius and every path. */
export function landingReport(model: ClusterModel, workload: string): LandingReport {
  const graph = attackGraphOf(model);
  const { radius, paths } = landingSearch(graph, workload);
  return {
    workload,
    label: graph.nodes.get(workload)?.label ?? workload,
    exposure: (graph.out.get(INTERNET) ?? []).filter((e) => e.to === workload),
    narrative: narrativeOf(model, workload),
    blastRadius: radiusLabels(radius),
    radius,
    paths,
  };
}

/** One exposed workload in the scan report: how it is exposed, what it reaches, the shortest path per target kind. */
export interface LandingSummary {
  readonly workload: string;
  readonly label: string;
  readonly exposure: readonly { readonly evidence: string; readonly control: string }[];
  readonly radius: BlastRadius;
  /** `5 workloads in 2 namespaces, 1 token, ...` */
  readonly summary: string;
  readonly paths: readonly {
    readonly targetKind: string;
    readonly target: string;
    readonly steps: number;
    /** The rule ids whose controls break the path, in step order. */
    readonly controls: readonly string[];
  }[];
}

/** The blast radius of every internet-exposed workload, for the scan report (no narrative, no full paths). */
export function landingSummaries(
  model: ClusterModel,
  graph: AttackGraph = attackGraphOf(model),
): LandingSummary[] {
  return exposedWorkloads(graph).map((workload) => {
    const { radius, shortest } = landingDigest(graph, workload);
    return {
      workload,
      label: graph.nodes.get(workload)?.label ?? workload,
      exposure: (graph.out.get(INTERNET) ?? [])
        .filter((e) => e.to === workload)
        .map(({ evidence, control }) => ({ evidence, control })),
      radius,
      summary: radiusSummary(radius),
      paths: shortest.map((p) => ({
        targetKind: p.targetKind,
        target: p.target.label,
        steps: p.steps.length,
        controls: [...new Set(p.steps.map((s) => s.control))].filter((c) => c !== NO_CONTROL),
      })),
    };
  });
}

/** `3 workloads in 2 namespaces, 1 token, secrets of 1 namespace, 1 node, cluster-admin`. */
export function radiusSummary(radius: BlastRadius): string {
  const count = (n: number, what: string, plural = `${what}s`): string => `${n} ${n === 1 ? what : plural}`;
  const parts = [
    `${count(radius.workloads, 'workload')} in ${count(radius.namespaces.length, 'namespace')}`,
    count(radius.tokens, 'token'),
    `secrets of ${count(radius.secrets.length, 'namespace')}`,
    count(radius.nodes.length, 'node'),
    ...(radius.clusterAdmin ? ['cluster-admin'] : []),
    ...(radius.apiServer ? ['the API server from outside'] : []),
    ...(radius.azureIdentities.length > 0
      ? [count(radius.azureIdentities.length, 'Azure identity', 'Azure identities')]
      : []),
  ];
  return parts.join(', ');
}
