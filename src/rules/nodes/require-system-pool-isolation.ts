/** @module require-system-pool-isolation: System node pools are tainted CriticalAddonsOnly, keeping user pods off them. */
import type { AksCluster, NodePool } from '../../model/index.js';
import { clusterSubject, describeSetting } from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { forEachCluster } from '../check-setting.js';
import { forEachPool } from '../check-pool-setting.js';

const TAINT = 'CriticalAddonsOnly=true:NoSchedule';

/** `CriticalAddonsOnly=true:NoSchedule` or `:NoExecute` (stricter: it also evicts what is already there). */
function isCriticalAddonsTaint(taint: string): boolean {
  const match = /^([^=:]+)=([^:]*):(\w+)$/.exec(taint.trim());
  if (!match) return false;
  const [, key, value, effect] = match;
  return (
    key === 'CriticalAddonsOnly' && value === 'true' && (effect === 'NoSchedule' || effect === 'NoExecute')
  );
}

/** Returns whether the pool is known to be a System pool (undefined when its mode is unknown). */
function assessPool(context: RuleContext<unknown>, cluster: AksCluster, pool: NodePool): boolean | undefined {
  const subject = clusterSubject(cluster);
  const { mode, nodeTaints } = pool;
  if (mode.state === 'unknown') {
    const message = `node pool "${pool.name}": mode: ${mode.reason}`;
    context.report({
      subject,
      path: mode.path,
      at: mode.at,
      status: 'not-assessed',
      basis: 'unknown',
      message,
    });
    return undefined;
  }
  if (mode.value.toLowerCase() !== 'system') return false;
  const base = { subject, path: nodeTaints.path, at: nodeTaints.at, basis: nodeTaints.state };
  const prefix = `System node pool "${pool.name}"`;
  if (nodeTaints.state === 'unknown') {
    context.report({
      ...base,
      status: 'not-assessed',
      message: `${prefix}: node taints: ${nodeTaints.reason}`,
    });
  } else if (nodeTaints.value.some(isCriticalAddonsTaint)) {
    context.report({ ...base, status: 'pass', message: `${prefix} is tainted CriticalAddonsOnly.` });
  } else {
    const taints = describeSetting(nodeTaints, (list) => (list.length === 0 ? 'none' : list.join(', ')));
    context.report({ ...base, message: `${prefix} lacks the ${TAINT} taint (taints: ${taints}).` });
  }
  return true;
}

function assess(context: RuleContext<unknown>, cluster: AksCluster): void {
  const modes: (boolean | undefined)[] = [];
  forEachPool(context, cluster, (pool) => {
    modes.push(assessPool(context, cluster, pool));
  });
  const { nodePools } = cluster;
  // Only a complete list with every mode known can prove that no System pool exists.
  if (nodePools.state === 'unknown' || modes.some((isSystem) => isSystem !== false)) return;
  if (cluster.nodePoolsPartial !== undefined) {
    context.report({
      subject: clusterSubject(cluster),
      path: nodePools.path,
      at: nodePools.at,
      status: 'not-assessed',
      basis: 'unknown',
      message: `whether a System node pool exists: ${cluster.nodePoolsPartial}`,
    });
    return;
  }
  const message = 'no node pool has mode System: AKS needs one to run its critical add-ons.';
  context.report({ subject: clusterSubject(cluster), path: nodePools.path, at: nodePools.at, message });
}

export default defineRule({
  id: 'require-system-pool-isolation',
  title: 'System node pools are reserved for critical add-ons',
  surface: 'nodes',
  severity: 'low',
  rationale:
    'The System pool runs CoreDNS, metrics-server, konnectivity and the other add-ons the whole cluster depends on. When it also schedules application pods, a compromised or runaway workload shares nodes with those components: it can starve them of CPU and memory, or after a breakout reach their service-account tokens. The CriticalAddonsOnly taint keeps user pods on user pools.',
  remediation: {
    summary:
      'Taint every System pool with CriticalAddonsOnly=true:NoSchedule and run applications on User pools.',
    az: 'az aks nodepool update -g <rg> --cluster-name <cluster> -n <system-pool> --node-taints CriticalAddonsOnly=true:NoSchedule',
    terraform: 'default_node_pool {\n  only_critical_addons_enabled = true\n}',
    arm: "properties.agentPoolProfiles[?mode=='System'].nodeTaints: ['CriticalAddonsOnly=true:NoSchedule']",
  },
  reads: ['cluster'],
  peers: { checkov: ['CKV_AZURE_232'] },
  references: [
    GUIDANCE.guide,
    {
      title: 'Manage system node pools in AKS',
      url: 'https://learn.microsoft.com/azure/aks/use-system-pools',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      assess(context, cluster);
    });
  },
});
