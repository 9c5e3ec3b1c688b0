/**
 * @module `paths` over several cluster scopes: each scope's attack graph on its own (no path crosses two
 * clusters), the landings one after the other; a workload exposed in several scopes (the same app installed
 * twice) is walked once, in the first scope that holds it.
 */
import type { ClusterModel } from '../model/index.js';
import { UsageError } from '../errors.js';
import type { PathsOptions, PathsResult } from './paths.js';
import { paths } from './paths.js';

/** Scopes that hold no `--from` workload are skipped; none holding it is the usage error of one scope. */
function resultsOf(models: readonly ClusterModel[], options: PathsOptions): PathsResult[] {
  if (options.from === undefined) return models.map((model) => paths(model));
  const results: PathsResult[] = [];
  let error: UsageError | undefined;
  for (const model of models) {
    try {
      results.push(paths(model, options));
    } catch (cause) {
      if (!(cause instanceof UsageError)) throw cause;
      error = cause;
    }
  }
  if (results.length === 0 && error !== undefined) throw error;
  return results;
}

export function pathsInScopes(models: readonly ClusterModel[], options: PathsOptions = {}): PathsResult {
  const [only] = models;
  if (models.length === 1 && only !== undefined) return paths(only, options);
  const results = resultsOf(models, options);
  const owners = new Map<string, PathsResult>();
  for (const result of results)
    for (const start of result.starts) if (!owners.has(start)) owners.set(start, result);
  return {
    starts: [...owners.keys()],
    labelOf: (id) => {
      for (const result of results) {
        const label = result.labelOf(id);
        if (label !== id) return label;
      }
      return id;
    },
    landings: function* () {
      for (const result of results) {
        // Each scope's landings in its own order; a start walked in an earlier scope is not walked again.
        const mine = new Set(result.starts.filter((start) => owners.get(start) === result));
        for (const landing of result.landings()) if (mine.has(landing.workload)) yield landing;
      }
    },
  };
}
