import { DEFAULT_RULE_SETTINGS } from '../../src/rules/define-rule.js';
/** @module clusterFrom: an `AksCluster` built in memory from ARM-shaped properties, through the real `buildCluster`. */
import type { AksCluster, ClusterFormat, ClusterModel, SourceLocation } from '../../src/model/index.js';
import type { Finding } from '../../src/engine/finding.js';
import { analysisRun } from '../../src/engine/analyses.js';
import { runAudit } from '../../src/engine/run-audit.js';
import { buildCluster } from '../../src/load/normalize/build-cluster.js';
import type {
  ClusterPath,
  ClusterSource,
  Lookup,
  PoolPath,
  PoolSource,
} from '../../src/load/normalize/cluster-source.js';
import { CLUSTER_PATHS, POOL_PATHS } from '../../src/load/normalize/cluster-source.js';
import type { AnyRule } from '../../src/rules/define-rule.js';

export const MEMORY_FILE = 'memory.json';

export interface ClusterFromOptions {
  /** Defaults to `aks-test`. */
  readonly name?: string;
  /** Defaults to `arm-rest`. */
  readonly format?: ClusterFormat;
  /** A whole definition (absent values take the AKS default) unless false. Defaults to true. */
  readonly complete?: boolean;
  /** Top-level fields beside `properties`: `identity`, `sku`. */
  readonly resource?: Readonly<Record<string, unknown>>;
  /**
   * Paths whose value the input cannot decide: cluster paths (`disableLocalAccounts`, `/identity/type`)
   * or pool paths (`agentPoolProfiles[0].enableNodePublicIP`), or `agentPoolProfiles` for the whole list.
   */
  readonly unknown?: readonly string[];
}

/**
 * Lines are synthetic but stable, so tests can assert them: the resource is line 1, cluster path `i` of
 * `CLUSTER_PATHS` is line `2 + i`, pool `p` is line `100 + 10p` and its path `j` the line after it plus `j`.
 */
export const clusterPathLine = (path: ClusterPath): number => 2 + CLUSTER_PATHS.indexOf(path);
export const poolLine = (pool: number): number => 100 + 10 * pool;
export const poolPathLine = (pool: number, path: PoolPath): number =>
  poolLine(pool) + 1 + POOL_PATHS.indexOf(path);

const at = (line: number): SourceLocation => ({ file: MEMORY_FILE, line });

function dig(root: unknown, dotted: string): unknown {
  let node = root;
  for (const key of dotted.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function lookup(
  root: unknown,
  dotted: string,
  path: string,
  location: SourceLocation,
  unknown: boolean,
): Lookup {
  if (unknown)
    return { kind: 'unknown', reason: `${path} is a parameter without a value`, at: location, path };
  const value = dig(root, dotted);
  return value === undefined
    ? { kind: 'absent', at: location, path }
    : { kind: 'value', value, at: location, path };
}

function poolSources(
  properties: Readonly<Record<string, unknown>>,
  unknown: ReadonlySet<string>,
  complete: boolean,
): ClusterSource['pools'] {
  const profiles = properties['agentPoolProfiles'];
  if (unknown.has('agentPoolProfiles') || (profiles === undefined && !complete)) {
    return { unknown: 'agentPoolProfiles cannot be listed', at: at(1), path: 'properties.agentPoolProfiles' };
  }
  const list = Array.isArray(profiles) ? (profiles as unknown[]) : [];
  return list.map((profile, index): PoolSource => {
    const base = `properties.agentPoolProfiles[${index}]`;
    const name = dig(profile, 'name');
    return {
      name: typeof name === 'string' ? name : `pool${index}`,
      at: at(poolLine(index)),
      path: base,
      get: (path) =>
        lookup(
          profile,
          path,
          `${base}.${path}`,
          at(poolPathLine(index, path)),
          unknown.has(`agentPoolProfiles[${index}].${path}`),
        ),
    };
  });
}

/** Builds an `AksCluster` from ARM REST `properties` (and, in `options.resource`, `identity` and `sku`). */
export function clusterFrom(
  properties: Readonly<Record<string, unknown>>,
  options: ClusterFromOptions = {},
): AksCluster {
  const name = options.name ?? 'aks-test';
  const complete = options.complete ?? true;
  const unknown = new Set(options.unknown ?? []);
  const resource = { ...options.resource, properties };
  const source: ClusterSource = {
    format: options.format ?? 'arm-rest',
    name,
    id: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.ContainerService/managedClusters/${name}`,
    display: `managedClusters/${name}`,
    at: at(1),
    complete,
    get: (path) => {
      const topLevel = path.startsWith('/');
      const dotted = topLevel ? path.slice(1).replaceAll('/', '.') : path;
      const shown = topLevel ? dotted : `properties.${path}`;
      return lookup(
        topLevel ? resource : properties,
        dotted,
        shown,
        at(clusterPathLine(path)),
        unknown.has(path),
      );
    },
    pools: poolSources(properties, unknown, complete),
    maintenanceConfigurations: { state: 'stated', value: [], at: at(1), path: 'maintenanceConfigurations' },
    diagnosticSettings: { state: 'stated', value: [], at: at(1), path: 'diagnosticSettings' },
  };
  return buildCluster(source);
}

/** A model holding just these clusters (no Kubernetes objects). */
export function modelOf(...clusters: AksCluster[]): ClusterModel {
  return {
    clusters,
    objects: [],
    inlineIgnores: [],
    roleAssignments: [],
    roleDefinitions: [],
    locate: (origin) => origin.at,
  };
}

export interface RuleResult {
  readonly status: 'pass' | Finding['status'];
  readonly severity: Finding['severity'];
  readonly path: string | undefined;
  readonly line: number;
  readonly message: string;
  readonly basis?: Finding['basis'];
}

/** Runs one rule over in-memory clusters and returns every result, passes included (in report order). */
export function runRuleOnClusters(rule: AnyRule, ...clusters: AksCluster[]): RuleResult[] {
  const results: RuleResult[] = [];
  const options: unknown = rule.parseOptions ? rule.parseOptions({}) : {};
  const model = modelOf(...clusters);
  rule.check({
    settings: DEFAULT_RULE_SETTINGS,
    model,
    options,
    analyses: analysisRun(model).pick(rule.needs ?? []),
    report: (input) => {
      const path = typeof input.path === 'string' ? input.path : input.path?.join('.');
      results.push({
        status: input.status ?? 'fail',
        severity: input.severity ?? rule.severity,
        path,
        line: (input.at ?? input.subject.at).line,
        message: input.message,
        ...(input.basis === undefined ? {} : { basis: input.basis }),
      });
    },
  });
  return results;
}

/** The findings `runAudit` would produce (passes dropped), for checks against the engine's view. */
export function auditClusters(rule: AnyRule, ...clusters: AksCluster[]): readonly Finding[] {
  return runAudit(modelOf(...clusters), { rules: [rule], today: '2026-11-23' }).findings;
}
