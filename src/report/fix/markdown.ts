/** @module plan.md: the fix plan as a reviewer reads it, step by step in the rollout order. */
import type { FixPlan, PlanStep, RemainingNeed } from '../../fix/plan/types.js';
import { PLAN_PHASES } from '../../fix/plan/types.js';
import type { Render } from '../render.js';
import { MAX_TEXT_CHARS, markdownCode, markdownCodeBlock, markdownInline } from '../escape.js';

const PHASE_TITLES: Readonly<Record<PlanStep['phase'], string>> = {
  creation: 'Decisions that cannot be retrofitted',
  'api-server': 'API server',
  network: 'Network: allow rules first, default-deny last',
  rbac: 'RBAC on both planes: narrow grants first, broad grants removed after',
  secrets: 'Secrets and workload identity',
  admission: 'Admission: audit first, fix the workloads, then deny',
  nodes: 'Nodes and upgrades',
  posture: 'Posture: logs and detection',
};

const KIND_LABELS: Readonly<Record<PlanStep['kind'], string>> = {
  change: 'change',
  add: 'add alongside',
  remove: 'remove the old path',
  migrate: 'migrate (not a patch)',
  rebuild: 'rebuild (not a patch)',
};

function counts(record: Readonly<Record<string, number>>): string {
  const order = ['critical', 'high', 'medium', 'low', 'info'];
  return order.map((s) => `${record[s] ?? 0} ${s}`).join(', ');
}

function stepText(step: PlanStep, byId: ReadonlyMap<string, PlanStep>): string[] {
  const lines = [
    `### ${step.number}. ${markdownInline(step.title, MAX_TEXT_CHARS)} — ${KIND_LABELS[step.kind]}`,
    '',
  ];
  if (step.closes.length > 0) {
    const closes = step.closes.map((c) => `\`${c.ruleId}\` on ${markdownInline(c.subject)}`);
    lines.push(`**Closes:** ${closes.join('; ')}`, '');
  }
  const depends = step.dependsOn.flatMap((id) => {
    const dep = byId.get(id);
    return dep ? [`step ${dep.number} (${markdownInline(dep.title, MAX_TEXT_CHARS)})`] : [];
  });
  if (depends.length > 0) lines.push(`**After:** ${depends.join(', ')}`, '');
  if (step.breaksIfEarly)
    lines.push(`**If applied too early:** ${markdownInline(step.breaksIfEarly, MAX_TEXT_CHARS)}`, '');
  if (step.migration && step.migration.length > 0)
    lines.push(
      '**Path:**',
      '',
      ...step.migration.map((m, i) => `${i + 1}. ${markdownInline(m, MAX_TEXT_CHARS)}`),
      '',
    );
  if (step.artifacts.length > 0)
    lines.push(`**Files:** ${step.artifacts.map((a) => markdownCode(a)).join(', ')}`, '');
  if (step.inputs && step.inputs.length > 0)
    lines.push(
      '**Needs your input** (placeholders in the commands and files):',
      '',
      ...step.inputs.map(
        (i) => `- ${markdownCode(i.placeholder)}: ${markdownInline(i.reason, MAX_TEXT_CHARS)}`,
      ),
      '',
    );
  // A hand edit (a line that holds a secret value is never in a diff) reads as a comment of the script.
  const script = step.apply.map((a) =>
    a.startsWith('by hand')
      ? a
          .split('\n')
          .map((l) => `# ${l}`)
          .join('\n')
      : a,
  );
  if (step.apply.length > 0) lines.push('**Apply:**', '', markdownCodeBlock(script.join('\n'), 'sh'), '');
  if (step.verify.length > 0) {
    lines.push('**Verify from the attacker’s side:**', '');
    for (const v of step.verify)
      lines.push(`- ${markdownCode(v.command)} → ${markdownInline(v.expect, MAX_TEXT_CHARS)}`);
    lines.push('');
  }
  if (step.notes.length > 0)
    lines.push(...step.notes.map((n) => `> ${markdownInline(n, MAX_TEXT_CHARS)}`), '');
  return lines;
}

export const renderPlanMarkdown: Render<FixPlan> = (plan, write) => {
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const lines = [
    '# aksward fix: hardening plan',
    '',
    `Inputs: ${plan.inputs.map((i) => markdownCode(i)).join(', ')}. Evidence: ${
      plan.evidence.flows.length + plan.evidence.auditLogs.length === 0
        ? 'the manifests only'
        : [
            ...plan.evidence.flows.map((f) => `flows ${markdownCode(f)}`),
            ...plan.evidence.auditLogs.map((f) => `audit log ${markdownCode(f)}`),
          ].join(', ')
    }.`,
    '',
    `Failed findings before: ${counts(plan.proof.before)}. After every step (the scan of \`after/\`): ${counts(plan.proof.after)}.`,
    '',
    'Apply the steps in order. Each one says what it closes, what must come first and how to prove it held.',
    '',
  ];
  if (plan.proof.network) {
    const n = plan.proof.network;
    lines.push(
      `Network proof (${markdownInline(n.enforcement, MAX_TEXT_CHARS)}): ${n.flowsChecked} declared or observed connections checked, ${n.severed} severed, DNS ${n.dnsAllowed ? 'allowed' : 'NOT allowed'} for every policy-restricted workload; ${n.connectionsClosed} connections closed.`,
      '',
    );
  }
  if (plan.proof.rbac) {
    const r = plan.proof.rbac;
    lines.push(
      `RBAC proof (${markdownInline(r.evidence, MAX_TEXT_CHARS)}): ${r.requestsPreserved} audited requests still allowed, ${r.requestsLost} lost; ${r.rightsRemoved} removed rights answer no to \`kubectl auth can-i\`${r.rightsRemovedHold ? '' : ' (NOT all)'}.`,
      '',
    );
  }
  for (const phase of PLAN_PHASES) {
    const steps = plan.steps.filter((s) => s.phase === phase);
    if (steps.length === 0) continue;
    lines.push(`## ${PHASE_TITLES[phase]}`, '');
    for (const step of steps) lines.push(...stepText(step, byId));
  }
  if (plan.decisions.length > 0) {
    lines.push(
      '## Decisions that need you',
      '',
      '| rule | subject | severity | decide |',
      '|---|---|---|---|',
    );
    for (const d of plan.decisions)
      lines.push(
        `| \`${d.ruleId}\` | ${markdownInline(d.subject)} | ${d.severity} | ${markdownInline(d.decide, MAX_TEXT_CHARS)} |`,
      );
    lines.push('');
  }
  if (plan.proof.remaining.length > 0) {
    lines.push(
      '## Still open after every step',
      '',
      '| rule | subject | severity | why |',
      '|---|---|---|---|',
    );
    for (const r of plan.proof.remaining)
      lines.push(
        `| \`${r.ruleId}\` | ${markdownInline(r.subject)} | ${r.severity} | ${markdownInline(r.reason, MAX_TEXT_CHARS)} |`,
      );
    lines.push('');
  }
  if (plan.diagnostics.length > 0) {
    lines.push('## Input problems', '');
    for (const d of plan.diagnostics)
      lines.push(
        `- ${d.level}: ${markdownInline(d.file ?? '')}${d.line === undefined ? '' : `:${d.line}`}: ${markdownInline(d.message, MAX_TEXT_CHARS)}`,
      );
    lines.push('');
  }
  // The last word: every critical and high finding the plan leaves open, and what explains it.
  const severe = plan.proof.remaining.filter((r) => r.severity === 'critical' || r.severity === 'high');
  lines.push('## Critical and high findings still open after the plan', '');
  if (severe.length === 0) lines.push('None: the scan of `after/` has no critical or high finding.', '');
  else {
    lines.push(
      `${severe.length} critical or high finding(s) stay open; each needs a rebuild, a migration, your input or a fix aksward cannot write:`,
      '',
      '| severity | rule | subject | needs | why, and where the plan explains it |',
      '|---|---|---|---|---|',
    );
    for (const r of severe)
      lines.push(
        `| ${r.severity} | \`${r.ruleId}\` | ${markdownInline(r.subject)} | ${NEEDS[r.needs]} | ${markdownInline(r.reason, MAX_TEXT_CHARS)}${r.reason.startsWith('step ') ? '' : ' (see “Decisions that need you”)'} |`,
      );
    lines.push('');
  }
  write(`${lines.join('\n')}\n`);
};

const NEEDS: Readonly<Record<RemainingNeed, string>> = {
  rebuild: 'a rebuild',
  migration: 'a migration',
  input: 'your input',
  manual: 'a manual fix',
};
