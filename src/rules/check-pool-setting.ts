/** @module Per-node-pool checks: one result per pool at the setting's own line; an unlistable pool set is not assessed. */
import type { AksCluster, NodePool, Setting } from '../model/index.js';
import { clusterSubject, describeSetting } from '../model/index.js';
import type { RuleContext } from './define-rule.js';

/**
 * Runs `check` on every node pool of the cluster. When the pools cannot be listed (a Terraform
 * `for_each`, an ARM `copy` loop, a partial input) one `not-assessed` result says why.
 */
export function forEachPool(
  context: RuleContext<unknown>,
  cluster: AksCluster,
  check: (pool: NodePool) => void,
): void {
  const { nodePools } = cluster;
  if (nodePools.state === 'unknown') {
    context.report({
      subject: clusterSubject(cluster),
      path: nodePools.path,
      at: nodePools.at,
      status: 'not-assessed',
      basis: 'unknown',
      message: `node pools: ${nodePools.reason}`,
    });
    return;
  }
  for (const pool of nodePools.value) check(pool);
}

export interface PoolSettingCheck<T> {
  readonly setting: Setting<T>;
  /** A short name for messages: "SSH access", "encryption at host". */
  readonly label: string;
  readonly isCompliant: (value: T) => boolean;
  readonly show?: (value: T) => string;
  /** A note appended to a passing result (e.g. why an alternative value is accepted). */
  readonly note?: (value: T) => string | undefined;
}

/** Assesses one setting of one pool: pass, fail, or not-assessed with the loader's reason. */
export function checkPoolSetting<T>(
  context: RuleContext<unknown>,
  cluster: AksCluster,
  pool: NodePool,
  check: PoolSettingCheck<T>,
): void {
  const { setting } = check;
  const base = { subject: clusterSubject(cluster), path: setting.path, at: setting.at, basis: setting.state };
  const prefix = `node pool "${pool.name}": ${check.label}`;
  if (setting.state === 'unknown') {
    context.report({ ...base, status: 'not-assessed', message: `${prefix}: ${setting.reason}` });
    return;
  }
  const shown = describeSetting(setting, check.show);
  if (check.isCompliant(setting.value)) {
    const note = check.note?.(setting.value);
    context.report({ ...base, status: 'pass', message: `${prefix} is ${shown}.${note ? ` ${note}` : ''}` });
    return;
  }
  context.report({ ...base, message: `${prefix} is ${shown}.` });
}
