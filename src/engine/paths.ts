/**
 * @module The `paths` verb: each internet-exposed workload's landing (or the one asked for), with its
 * exposure, breach narrative, blast radius and attack paths, computed one landing at a time.
 */
import type { ClusterModel } from '../model/index.js';
import { attackGraphOf, workloadId } from '../analysis/paths/index.js';
import type { LandingReport } from '../analysis/paths/landings.js';
import type { AttackPath } from '../analysis/paths/search.js';
import { landingReport, landingStarts } from '../analysis/paths/landings.js';
import { UsageError } from '../errors.js';

export type { LandingReport } from '../analysis/paths/landings.js';

export interface PathsOptions {
  /** `namespace/name` of any workload: paths from there instead of from every exposed workload. */
  readonly from?: string;
}

/** A path of a landing walked in several cluster scopes: the scopes it holds in. */
export interface ScopedAttackPath extends AttackPath {
  readonly scopes?: readonly string[];
}

/** A scope where the same landing's breach reads otherwise than in the first scope that holds it. */
export interface LandingVariant {
  readonly scope: string;
  readonly narrative: LandingReport['narrative'];
  readonly blastRadius: LandingReport['blastRadius'];
  readonly radius: LandingReport['radius'];
}

/** One landing as `paths` reports it; the scope fields are set only when the inputs form several clusters. */
export interface PathsLanding extends LandingReport {
  readonly paths: readonly ScopedAttackPath[];
  /** The cluster scopes that hold the landing workload, the first one's exposure and breach shown. */
  readonly scopes?: readonly string[];
  /** The scopes whose breach or blast radius differ from the first's. */
  readonly variants?: readonly LandingVariant[];
}

export interface PathsResult {
  /** The landing workloads' node ids, in report order. */
  readonly starts: readonly string[];
  /** A node's label in the attack graph (`workload shop/web`), or the id itself. */
  readonly labelOf: (id: string) => string;
  /**
   * Each landing's full report, computed as the iteration reaches it: a cluster with a thousand exposed
   * workloads never holds every path at once.
   */
  readonly landings: () => Generator<PathsLanding>;
}

/** The workload id `--from` names, or a usage error when the inputs hold no such workload. */
function startOf(model: ClusterModel, from: string): string {
  const [namespace, name, extra] = from.split('/');
  const id = namespace && name && extra === undefined ? workloadId(namespace, name) : undefined;
  if (id === undefined || !attackGraphOf(model).nodes.has(id))
    throw new UsageError(`--from ${from}: no workload of that namespace/name in the inputs`);
  return id;
}

export function paths(model: ClusterModel, options: PathsOptions = {}): PathsResult {
  const graph = attackGraphOf(model);
  const starts = landingStarts(model, options.from === undefined ? undefined : startOf(model, options.from));
  return {
    starts,
    labelOf: (id) => graph.nodes.get(id)?.label ?? id,
    landings: function* () {
      for (const start of starts) yield landingReport(model, start);
    },
  };
}
