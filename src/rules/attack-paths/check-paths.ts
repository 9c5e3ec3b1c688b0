/**
 * @module The shared check of the attack-path rules: for each internet-exposed workload, the shortest path
 * to a target kind fails the workload (every step with its evidence and breaking control); none passes it.
 */
import { objectSubject } from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';
import type { AttackGraphRuleAnalysis, AttackPath, TargetKind } from '../kit/analyses.js';

/** `web → token of ServiceAccount shop/default [no-automount-token: ...] → ...`. */
export function describePath(path: AttackPath, analysis?: AttackGraphRuleAnalysis): string {
  return path.steps
    .map((step) => {
      const broken =
        step.control === analysis?.noControl
          ? 'no catalog control breaks this step'
          : `broken by ${step.control}`;
      return `→ ${analysis?.graph.nodes.get(step.to)?.label ?? step.to} (${step.evidence}; ${broken})`;
    })
    .join(' ');
}

export function checkExposedPaths(
  context: RuleContext<unknown, 'attackGraph' | 'rbac'>,
  target: TargetKind,
  what: string,
  /** When set, a workload with no path is not-assessed (the inputs cannot decide the last step), not passed. */
  undecided?: string,
): void {
  const { report } = context;
  const { attackGraph, rbac } = context.analyses;
  const exposed = new Set(attackGraph.exposedWorkloads());
  for (const workload of rbac.index.workloads) {
    const id = attackGraph.workloadId(workload.namespace, workload.name);
    if (!exposed.has(id)) continue;
    const subject = objectSubject(workload.object);
    const path = attackGraph.landingDigest(id).shortest.find((p) => p.targetKind === target);
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
    const controls = [...new Set(path.steps.map((s) => s.control))].filter(
      (c) => c !== attackGraph.noControl,
    );
    report({
      subject,
      message: `${workload.display} is internet-exposed and an attacker landing there reaches ${path.target.label} in ${path.steps.length} step(s): ${describePath(path, attackGraph)}`,
      fix: `Break any step: ${controls.join(', ')}.`,
    });
  }
}
