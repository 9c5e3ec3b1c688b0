/** @module `aksward access <subject>` as text and JSON: every grant, cluster-wide and by namespace. */
import { displayRoleAssignment } from '../../model/azure-rbac.js';
import type { AccessAssignment, AccessReport, AccessRule } from '../../analysis/rbac/access.js';
import { COMBINATION_MODEL } from '../../analysis/rbac/decide.js';
import { credentialGrantLines, SUPERUSER_TEXT, unresolvedBindingLines } from './evidence.js';
import type { Json } from './json.js';
import { assignmentJson, bindingJson, effectiveRuleJson, roleJson } from './json.js';
import { describeBinding, describeRole, describeRule } from '../../analysis/rbac/types.js';
import type { Render } from '../render.js';
import { jsonText, terminalLines } from '../escape.js';

const scopeTitle = (namespace: string): string =>
  namespace === '' ? 'cluster-wide' : `namespace ${namespace}`;

function ruleLines(item: AccessRule): string[] {
  const from = `from ${describeBinding(item.binding)} → ${describeRole(item.role)}`;
  const source =
    item.rule.source === item.role
      ? ''
      : `, rule ${item.rule.index + 1} of ${describeRole(item.rule.source)}`;
  const lines = [`    ${describeRule(item.rule.rule)}`, `      ${from}${source}`];
  if (item.inert !== undefined) lines.push(`      inert: ${item.inert}`);
  return lines;
}

function namespacesOf(items: readonly { namespace: string }[]): string[] {
  return [...new Set(items.map((i) => i.namespace))].sort((a, b) =>
    a === '' ? -1 : b === '' ? 1 : a.localeCompare(b),
  );
}

function assignmentLines(item: AccessAssignment): string[] {
  const { assignment, role } = item;
  const at = `${assignment.at.file}:${assignment.at.line}`;
  const name =
    role === undefined
      ? `role ${assignment.roleDefinitionName ?? assignment.roleDefinitionId} (not in the inputs)`
      : `role "${role.name}"`;
  const lines = [
    `    ${name} via ${displayRoleAssignment(assignment)} (${at}) at scope ${assignment.scope}${item.certain ? '' : ' [possibly]'}`,
  ];
  for (const block of role?.permissions ?? []) {
    if (block.dataActions.length > 0) lines.push(`      data actions: ${block.dataActions.join(', ')}`);
    if (block.notDataActions.length > 0) lines.push(`      except: ${block.notDataActions.join(', ')}`);
  }
  return lines;
}

/** `access of alice (groups: devs):`. */
export function accessHeading(report: AccessReport): string {
  const groups = report.user.groups.length === 0 ? '' : ` (groups: ${report.user.groups.join(', ')})`;
  return `access of ${report.user.name}${groups}:`;
}

/** Every grant, cluster-wide then by namespace, Kubernetes RBAC then Azure RBAC; or that there is none. */
export function accessLines(report: AccessReport): string[] {
  const lines: string[] = [];
  if (report.superuser) lines.push(`everything: ${SUPERUSER_TEXT}`);
  for (const namespace of namespacesOf(report.rules)) {
    lines.push(`${scopeTitle(namespace)} (Kubernetes RBAC):`);
    for (const item of report.rules.filter((r) => r.namespace === namespace)) lines.push(...ruleLines(item));
  }
  for (const item of report.unresolved)
    lines.push(...unresolvedBindingLines(item.binding, item.subject, item.reason));
  if (report.azureNoOpinion !== undefined) lines.push(`Azure RBAC: no opinion (${report.azureNoOpinion})`);
  for (const namespace of namespacesOf(report.assignments)) {
    lines.push(`${scopeTitle(namespace)} (Azure RBAC):`);
    for (const item of report.assignments.filter((a) => a.namespace === namespace))
      lines.push(...assignmentLines(item));
  }
  for (const grant of report.credentials)
    lines.push('everything (Azure credential):', ...credentialGrantLines(grant).map((l) => `  ${l}`));
  if (lines.length === 0) lines.push('nothing: no binding or role assignment applies to this subject');
  return lines;
}

export const renderAccessText: Render<AccessReport> = (report, write) => {
  const lines = [accessHeading(report), ...accessLines(report), `model: ${COMBINATION_MODEL}`];
  write(terminalLines(lines));
};

export function accessJson(report: AccessReport): Json {
  return {
    user: { name: report.user.name, groups: report.user.groups },
    superuser: report.superuser,
    kubernetes: report.rules.map((item) => ({
      namespace: item.namespace === '' ? null : item.namespace,
      binding: bindingJson(item.binding),
      role: roleJson(item.role),
      rule: effectiveRuleJson(item.rule),
      inert: item.inert,
    })),
    unresolved: report.unresolved.map((item) => ({
      binding: bindingJson(item.binding),
      reason: item.reason,
    })),
    azureNoOpinion: report.azureNoOpinion,
    azure: report.assignments.map((item) => ({
      namespace: item.namespace === '' ? null : item.namespace,
      assignment: assignmentJson(item.assignment),
      role:
        item.role === undefined
          ? null
          : {
              id: item.role.id,
              name: item.role.name,
              permissions: item.role.permissions.map((p) => ({ ...p })),
            },
      certain: item.certain,
    })),
    credentials: report.credentials.map((grant) => ({
      credential: grant.credential,
      assignment: assignmentJson(grant.assignment),
      role: grant.role.name,
      basis: grant.basis,
      certain: grant.certain,
    })),
    model: COMBINATION_MODEL,
  };
}

export const renderAccessJson: Render<AccessReport> = (report, write) => {
  write(`${jsonText(accessJson(report))}\n`);
};
