/** @module Evidence and requests as plain JSON values, for `--format json`. */
import type { AzureRoleAssignment, AzureRoleDefinition } from '../../model/azure-rbac.js';
import type { SourceLocation } from '../../model/index.js';
import type { AzureGrant } from '../../analysis/rbac/evaluate-azure.js';
import { bindingNamespace } from '../../analysis/rbac/evaluate-k8s.js';
import type {
  AccessRequest,
  EffectiveRule,
  PolicyRule,
  RbacBinding,
  RbacRole,
  RbacSubject,
} from '../../analysis/rbac/types.js';
import type { Evidence } from '../../analysis/rbac/who-can.js';
import type { WorkloadRef } from '../../analysis/rbac/workload-identity.js';

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json | undefined };

const location = (at: SourceLocation | undefined): { file?: string; line?: number } =>
  at === undefined ? {} : { file: at.file, line: at.line };

export function requestJson(request: AccessRequest): Json {
  if (request.kind === 'non-resource') return { verb: request.verb, nonResourceURL: request.path };
  return {
    verb: request.verb,
    apiGroup: request.apiGroup,
    resource: request.resource,
    subresource: request.subresource,
    name: request.name,
    namespace: request.namespace,
  };
}

const ruleJson = (rule: PolicyRule): Json => ({
  verbs: rule.verbs,
  apiGroups: rule.apiGroups,
  resources: rule.resources,
  resourceNames: rule.resourceNames,
  nonResourceURLs: rule.nonResourceURLs,
});

export const roleJson = (role: RbacRole): Json => ({
  kind: role.kind,
  name: role.name,
  namespace: role.namespace,
  default: role.isDefault,
  ...location(role.object?.origin.at),
});

export const bindingJson = (binding: RbacBinding): Json => ({
  kind: binding.kind,
  name: binding.name,
  namespace: binding.namespace,
  default: binding.isDefault,
  ...location(binding.object?.origin.at),
});

const subjectJson = (subject: RbacSubject, binding: RbacBinding): Json => ({
  kind: subject.kind,
  name: subject.name,
  namespace: subject.kind === 'ServiceAccount' ? subject.namespace || bindingNamespace(binding) : undefined,
});

export const effectiveRuleJson = (effective: EffectiveRule): Json => ({
  ...(ruleJson(effective.rule) as Record<string, Json>),
  index: effective.index,
  source: roleJson(effective.source),
  aggregatedInto: effective.via,
});

export const assignmentJson = (assignment: AzureRoleAssignment): Json => ({
  name: assignment.name,
  principalId: assignment.principalId,
  principalType: assignment.principalType,
  principalName: assignment.principalName,
  scope: assignment.scope,
  roleDefinitionId: assignment.roleDefinitionId,
  condition: assignment.condition,
  ...location(assignment.at),
});

const azureRoleJson = (role: AzureRoleDefinition): Json => ({
  id: role.id,
  name: role.name,
  builtIn: role.builtIn,
});

const grantJson = (grant: AzureGrant): Record<string, Json> => ({
  assignment: assignmentJson(grant.assignment),
  role: azureRoleJson(grant.role),
  action: grant.action,
  matchedBy: grant.pattern,
  certain: grant.certain,
  open: grant.caveats,
});

export function evidenceJson(evidence: Evidence): Json {
  switch (evidence.kind) {
    case 'kubernetes':
      return {
        plane: 'kubernetes',
        binding: bindingJson(evidence.binding),
        subject: subjectJson(evidence.subject, evidence.binding),
        role: roleJson(evidence.role),
        rule: effectiveRuleJson(evidence.rule),
      };
    case 'unresolved-binding':
      return {
        plane: 'kubernetes',
        possibly: true,
        binding: bindingJson(evidence.binding),
        reason: evidence.reason,
      };
    case 'superuser':
      return { plane: 'kubernetes', superuser: 'system:masters' };
    case 'rbac-off':
      return { plane: 'kubernetes', rbacDisabled: true, certain: evidence.certain, basis: evidence.basis };
    case 'azure':
      return { plane: 'azure', ...grantJson(evidence.grant) };
    case 'credential':
      return {
        plane: 'azure',
        credential: evidence.grant.credential,
        basis: evidence.grant.basis,
        ...grantJson(evidence.grant),
      };
    case 'unresolved-role':
      return {
        plane: 'azure',
        possibly: true,
        assignment: assignmentJson(evidence.assignment),
        reason: evidence.reason,
      };
  }
}

export const workloadJson = (workload: WorkloadRef): Json => ({
  workload: workload.display,
  serviceAccount: workload.serviceAccount,
  tokenMounted: workload.token.mounted ?? null,
  tokenBasis: workload.token.basis,
  ...location(workload.at),
});

export type { Json };
