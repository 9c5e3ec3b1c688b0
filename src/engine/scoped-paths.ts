/**
 * @module `paths` over several cluster scopes: each scope's attack graph on its own (no path crosses two
 * clusters). A workload exposed in several scopes (the same app installed twice) is walked in each: its paths
 * are merged by step sequence, each naming the scopes it holds in, and a scope where the breach reads otherwise
 * (a NetworkPolicy or a tighter binding in one install only) is shown as a variant of the landing.
 */
import type { ClusterModel } from '../model/index.js';
import { landingReport } from '../analysis/paths/landings.js';
import type { LandingReport } from '../analysis/paths/landings.js';
import type { AttackPath } from '../analysis/paths/search.js';
import { UsageError } from '../errors.js';
import type { LandingVariant, PathsLanding, PathsOptions, PathsResult, ScopedAttackPath } from './paths.js';
import { paths } from './paths.js';

/** A cluster scope as `paths` walks it: its name and model. */
export interface PathsScope {
  readonly name: string;
  readonly model: ClusterModel;
}

interface Held {
  readonly scope: PathsScope;
  readonly result: PathsResult;
}

/** Scopes that hold no `--from` workload are skipped; none holding it is the usage error of one scope. */
function heldScopes(scopes: readonly PathsScope[], options: PathsOptions): Held[] {
  if (options.from === undefined) return scopes.map((scope) => ({ scope, result: paths(scope.model) }));
  const held: Held[] = [];
  let error: UsageError | undefined;
  for (const scope of scopes) {
    try {
      held.push({ scope, result: paths(scope.model, options) });
    } catch (cause) {
      if (!(cause instanceof UsageError)) throw cause;
      error = cause;
    }
  }
  if (held.length === 0 && error !== undefined) throw error;
  return held;
}

/** Two paths are one when they walk the same steps: the same labels, edge kinds and target. */
function stepSequence(path: AttackPath, labelOf: (id: string) => string): string {
  const steps = path.steps.map((s) => `${labelOf(s.from)}\0${s.kind}\0${labelOf(s.to)}`);
  return [labelOf(path.target.id), path.targetKind, ...steps].join('\u0001');
}

/** What a reader compares between two scopes' landings: the breach step by step and what it reaches. */
function breachShape(report: LandingReport): string {
  const narrative = report.narrative.map((s) => [s.id, s.status, s.detail, ...s.blockedBy].join('\0'));
  return JSON.stringify([narrative, report.blastRadius]);
}

interface Walked {
  readonly scope: string;
  readonly report: LandingReport;
  readonly labelOf: (id: string) => string;
}

/** Every scope's paths, the same step sequence once with every scope it holds in; shortest first. */
function mergePaths(walked: readonly Walked[]): ScopedAttackPath[] {
  const merged = new Map<string, { path: AttackPath; scopes: string[] }>();
  for (const { scope, report, labelOf } of walked) {
    for (const path of report.paths) {
      const key = stepSequence(path, labelOf);
      const found = merged.get(key);
      if (found === undefined) merged.set(key, { path, scopes: [scope] });
      else if (!found.scopes.includes(scope)) found.scopes.push(scope);
    }
  }
  // A stable sort: the first scope's order among paths of one length, then the paths only later scopes hold.
  return [...merged.values()]
    .map(({ path, scopes }) => ({ ...path, scopes }))
    .sort((a, b) => a.steps.length - b.steps.length);
}

/** The landing of `start` in each scope that holds it, as one. */
function mergeLanding(start: string, holders: readonly Held[], named: boolean): PathsLanding {
  const walked = holders.map(({ scope, result }) => ({
    scope: scope.name,
    report: landingReport(scope.model, start),
    labelOf: result.labelOf,
  }));
  const [first] = walked;
  if (first === undefined) throw new Error(`mergeLanding: no scope holds ${start}`);
  const scopes = walked.map((w) => w.scope);
  const scopesField = named ? { scopes } : {};
  if (walked.length === 1) return { ...first.report, ...scopesField };
  const shape = breachShape(first.report);
  const variants: LandingVariant[] = walked
    .slice(1)
    .filter((w) => breachShape(w.report) !== shape)
    .map(({ scope, report }) => ({
      scope,
      narrative: report.narrative,
      blastRadius: report.blastRadius,
      radius: report.radius,
    }));
  return {
    ...first.report,
    paths: mergePaths(walked),
    ...scopesField,
    ...(variants.length === 0 ? {} : { variants }),
  };
}

export function pathsInScopes(scopes: readonly PathsScope[], options: PathsOptions = {}): PathsResult {
  const [only] = scopes;
  if (scopes.length === 1 && only !== undefined) return paths(only.model, options);
  const held = heldScopes(scopes, options);
  const holders = new Map<string, Held[]>();
  for (const entry of held) {
    for (const start of entry.result.starts) holders.set(start, [...(holders.get(start) ?? []), entry]);
  }
  return {
    starts: [...holders.keys()],
    labelOf: (id) => {
      for (const { result } of held) {
        const label = result.labelOf(id);
        if (label !== id) return label;
      }
      return id;
    },
    landings: function* () {
      // The first scope's landings in its order, then those only later scopes hold; each walked in every scope.
      for (const [start, list] of holders) yield mergeLanding(start, list, scopes.length > 1);
    },
  };
}
