/**
 * @module The shared check of the attack-path rules: for each internet-exposed workload, the shortest path
 * to a target kind fails the workload (every step with its evidence and breaking control); none passes it.
 */
import type { ClusterModel } from '../../model/index.js';
import { objectSubject } from '../../model/index.js';
import { attackGraphOf, exposedWorkloads, landingDigest, workloadId } from '../../analysis/paths/index.js';
import type { AttackPath, TargetKind } from '../../analysis/paths/index.js';
import { rbacAnalysisOf } from '../../analysis/rbac/rbac-analysis.js';
import type { ReportInput } from '../define-rule.js';

/** `web → token of ServiceAccount shop/default [no-automount-token: ...] → ...`. */
export function describePath(
  path: AttackPath,
  graph = undefined as undefined | ReturnType<typeof attackGraphOf>,
): string {
  return path.steps
    .map(
      (step) =>
        `→ ${graph?.nodes.get(step.to)?.label ?? step.to} (${step.evidence}; broken by ${step.control})`,
    )
    .join(' ');
}

export function checkExposedPaths(
  model: ClusterModel,
  target: TargetKind,
  what: string,
  report: (result: ReportInput) => void,
  /** When set, a workload with no path is not-assessed (the inputs cannot decide the last step), not passed. */
  undecided?: string,
): void {
  const graph = attackGraphOf(model);
  const exposed = new Set(exposedWorkloads(graph));
  for (const workload of rbacAnalysisOf(model).index.workloads) {
    const id = workloadId(workload.namespace, workload.name);
    if (!exposed.has(id)) continue;
    const subject = objectSubject(workload.object);
    const path = landingDigest(graph, id).shortest.find((p) => p.targetKind === target);
    if (!path && undecided !== undefined) {
      report({
        subject,
        status: 'not-assessed',
        message: `${workload.display} is internet-exposed; ${undecided}.`,
      });
      continue;
    }
    if (!path) {
      report({
        subject,
        status: 'pass',
        message: `${workload.display} is internet-exposed but no path reaches ${what}.`,
      });
      continue;
    }
    const controls = [...new Set(path.steps.map((s) => s.control))];
    report({
      subject,
      message: `${workload.display} is internet-exposed and an attacker landing there reaches ${path.target.label} in ${path.steps.length} step(s): ${describePath(path, graph)}`,
      fix: `Break any step: ${controls.join(', ')}.`,
    });
  }
}
