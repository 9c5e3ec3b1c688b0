/** @module Where a pod can be scheduled among a cluster's node pools: nodeSelector, required node affinity, taints. */
import type { AksCluster, NodePool, Workload } from '../../model/index.js';
import { arrayAt, emptyRecord, isObject, objectAt, stringAt, stringMapAt } from '../../model/index.js';

/** Three-valued: the input may not tell (a pool's labels unknown, a label AKS sets that the model lacks). */
export type Tri = 'yes' | 'no' | 'unknown';

export interface PoolView {
  readonly name: string;
  readonly mode: string | undefined;
  /** Labels every node of the pool carries; `complete` when the pool's own `nodeLabels` are known. */
  readonly labels: Readonly<Record<string, string>>;
  readonly complete: boolean;
  /** `NoSchedule`/`NoExecute` taints (`PreferNoSchedule` never blocks); undefined when unknown. */
  readonly taints: readonly Taint[] | undefined;
}

export interface Taint {
  readonly key: string;
  readonly value: string;
  readonly effect: string;
}

/** `key=value:Effect` (or `key:Effect`), as AKS writes node taints. */
export function parseTaint(text: string): Taint | undefined {
  const match = /^([^=:]+)(?:=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/.exec(text.trim());
  if (!match?.[1] || !match[3]) return undefined;
  return { key: match[1], value: match[2] ?? '', effect: match[3] };
}

/**
 * Labels AKS puts on every node of a pool besides the pool's `nodeLabels`: `agentpool` and
 * `kubernetes.azure.com/agentpool` (the pool name), `kubernetes.azure.com/mode`, `kubernetes.io/os`.
 */
function poolView(pool: NodePool): PoolView {
  // Without a prototype: a selector key such as `constructor` must not find an inherited value.
  const labels = emptyRecord<string>();
  labels['agentpool'] = pool.name;
  labels['kubernetes.azure.com/agentpool'] = pool.name;
  const mode = pool.mode.state === 'unknown' ? undefined : pool.mode.value;
  if (mode !== undefined) labels['kubernetes.azure.com/mode'] = mode.toLowerCase();
  if (pool.osType.state !== 'unknown') labels['kubernetes.io/os'] = pool.osType.value.toLowerCase();
  if (pool.nodeLabels.state !== 'unknown') Object.assign(labels, pool.nodeLabels.value);
  const taints =
    pool.nodeTaints.state === 'unknown'
      ? undefined
      : pool.nodeTaints.value
          .map(parseTaint)
          .filter((t): t is Taint => t !== undefined && t.effect !== 'PreferNoSchedule');
  return { name: pool.name, mode, labels, complete: pool.nodeLabels.state !== 'unknown', taints };
}

/** The cluster's pools, or the reason they are unknown. */
export function poolViews(cluster: AksCluster): readonly PoolView[] | string {
  const pools = cluster.nodePools;
  // Some of the pools only: where a pod may land cannot be decided from them.
  if (cluster.nodePoolsPartial !== undefined)
    return `${cluster.display}: node pools: ${cluster.nodePoolsPartial}`;
  return pools.state === 'unknown'
    ? `${cluster.display}: node pools: ${pools.reason}`
    : pools.value.map(poolView);
}

/** Label keys AKS or Kubernetes set on nodes beyond the ones modelled (zone, instance type, image version…). */
const SYSTEM_LABEL = /^(?:[a-z0-9.-]*\.)?(?:kubernetes\.io|k8s\.io|kubernetes\.azure\.com)\//;

function lookup(pool: PoolView, key: string): { present: boolean; value?: string } | undefined {
  const value = stringAt(pool.labels, key);
  if (value !== undefined) return { present: true, value };
  return pool.complete && !SYSTEM_LABEL.test(key) ? { present: false } : undefined;
}

/** One `matchExpressions` requirement against a pool's labels (NodeSelectorRequirement semantics). */
function matchRequirement(pool: PoolView, requirement: unknown): Tri {
  const key = stringAt(requirement, 'key') ?? '';
  const operator = stringAt(requirement, 'operator');
  const values = arrayAt(requirement, 'values').filter((v): v is string => typeof v === 'string');
  const label = lookup(pool, key);
  if (label === undefined) return 'unknown';
  const value = label.value;
  switch (operator ?? '') {
    case 'In':
      return value !== undefined && values.includes(value) ? 'yes' : 'no';
    case 'NotIn':
      return value === undefined || !values.includes(value) ? 'yes' : 'no';
    case 'Exists':
      return label.present ? 'yes' : 'no';
    case 'DoesNotExist':
      return label.present ? 'no' : 'yes';
    case 'Gt':
    case 'Lt': {
      const [bound] = values;
      if (value === undefined || bound === undefined) return 'no';
      const n = Number.parseInt(value, 10);
      return (operator === 'Gt' ? n > Number(bound) : n < Number(bound)) ? 'yes' : 'no';
    }
    default:
      return 'unknown';
  }
}

function all(results: readonly Tri[]): Tri {
  return results.includes('no') ? 'no' : results.includes('unknown') ? 'unknown' : 'yes';
}

function any(results: readonly Tri[]): Tri {
  return results.includes('yes') ? 'yes' : results.includes('unknown') ? 'unknown' : 'no';
}

/** The pod's required node affinity terms (ORed), or undefined when it has none. */
function requiredTerms(workload: Workload): readonly unknown[] | undefined {
  const affinity = objectAt(objectAt(workload.podSpec, 'affinity'), 'nodeAffinity');
  const required = objectAt(affinity, 'requiredDuringSchedulingIgnoredDuringExecution');
  return required === undefined ? undefined : arrayAt(required, 'nodeSelectorTerms');
}

/** Whether the pod pins itself at all: a nodeSelector or a required node affinity. */
export function isPinned(workload: Workload): boolean {
  return (
    Object.keys(stringMapAt(workload.podSpec, 'nodeSelector')).length > 0 ||
    requiredTerms(workload) !== undefined
  );
}

/** nodeSelector and required node affinity against the pool's labels (both must hold). */
export function selects(workload: Workload, pool: PoolView): Tri {
  const selector = Object.entries(stringMapAt(workload.podSpec, 'nodeSelector')).map(([key, value]) =>
    matchRequirement(pool, { key, operator: 'In', values: [value] }),
  );
  const terms = requiredTerms(workload);
  // An empty term matches no node; terms are ORed, expressions within a term ANDed; node fields are unknown.
  const affinity =
    terms === undefined
      ? 'yes'
      : any(
          terms.map((term) => {
            const expressions = arrayAt(term, 'matchExpressions').map((r) => matchRequirement(pool, r));
            const fields: Tri[] = arrayAt(term, 'matchFields').map(() => 'unknown');
            return expressions.length + fields.length === 0 ? 'no' : all([...expressions, ...fields]);
          }),
        );
  return all([...selector, affinity]);
}

function tolerates(toleration: unknown, taint: Taint): boolean {
  if (!isObject(toleration)) return false;
  const effect = stringAt(toleration, 'effect') ?? '';
  if (effect !== '' && effect !== taint.effect) return false;
  const key = stringAt(toleration, 'key') ?? '';
  if (stringAt(toleration, 'operator') === 'Exists') return key === '' || key === taint.key;
  return key === taint.key && (stringAt(toleration, 'value') ?? '') === taint.value;
}

/** Whether the pod tolerates every scheduling taint of the pool. */
export function toleratesPool(workload: Workload, pool: PoolView): Tri {
  if (pool.taints === undefined) return 'unknown';
  const tolerations = arrayAt(workload.podSpec, 'tolerations');
  return pool.taints.every((taint) => tolerations.some((t) => tolerates(t, taint))) ? 'yes' : 'no';
}

/** Whether the scheduler may place the pod on the pool. */
export function canLand(workload: Workload, pool: PoolView): Tri {
  return all([selects(workload, pool), toleratesPool(workload, pool)]);
}
