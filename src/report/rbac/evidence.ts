/** @module Evidence as text: which binding, role and rule, which Azure assignment, role and action. */
import type { AzureRoleAssignment } from '../../model/azure-rbac.js';
import { displayPrincipal, displayRoleAssignment } from '../../model/azure-rbac.js';
import type { AzureGrant, CredentialGrant } from '../../analysis/rbac/evaluate-azure.js';
import type { K8sGrant } from '../../analysis/rbac/evaluate-k8s.js';
import { bindingNamespace } from '../../analysis/rbac/evaluate-k8s.js';
import type { RbacBinding, RbacSubject } from '../../analysis/rbac/types.js';
import {
  describeBinding,
  describeEffectiveRule,
  describeRole,
  describeSubject,
} from '../../analysis/rbac/types.js';
import type { Evidence } from '../../analysis/rbac/who-can.js';

export const SUPERUSER_TEXT =
  'group system:masters: authorized by the API server before RBAC and the Azure webhook are consulted';

export function describeAssignment(assignment: AzureRoleAssignment): string {
  const where = `${assignment.at.file}:${assignment.at.line}`;
  return `${displayRoleAssignment(assignment)} (${where}) for ${displayPrincipal(assignment)} at scope ${assignment.scope}`;
}

function caveatLines(caveats: readonly string[]): string[] {
  return caveats.map((caveat) => `  open: ${caveat}`);
}

export function kubernetesGrantLines(
  grant: Pick<K8sGrant, 'binding' | 'subject' | 'role' | 'rule'>,
): string[] {
  const subject = describeSubject(grant.subject, bindingNamespace(grant.binding));
  return [
    `Kubernetes RBAC: ${describeBinding(grant.binding)} binds ${subject}`,
    `  to ${describeRole(grant.role)}`,
    `  ${describeEffectiveRule(grant.rule)}`,
  ];
}

export function unresolvedBindingLines(binding: RbacBinding, subject: RbacSubject, reason: string): string[] {
  const who = describeSubject(subject, bindingNamespace(binding));
  return [`possibly, Kubernetes RBAC: ${describeBinding(binding)} binds ${who}, but ${reason}`];
}

export function azureGrantLines(grant: AzureGrant): string[] {
  return [
    `Azure RBAC: ${describeAssignment(grant.assignment)}`,
    `  role "${grant.role.name}" (${grant.role.builtIn ? 'built-in' : 'custom'} ${grant.role.id})`,
    `  data action ${grant.action} matches "${grant.pattern}"`,
    ...caveatLines(grant.caveats),
  ];
}

export function credentialGrantLines(grant: CredentialGrant): string[] {
  const kubeconfig = grant.credential === 'admin' ? 'cluster admin' : 'cluster user';
  return [
    `Azure credential: ${describeAssignment(grant.assignment)}`,
    `  role "${grant.role.name}" allows ${grant.action} (matches "${grant.pattern}")`,
    `  the ${kubeconfig} kubeconfig is a system:masters certificate (cluster-admin): ${grant.basis}`,
    ...caveatLines(grant.caveats),
  ];
}

export function evidenceLines(evidence: Evidence): string[] {
  switch (evidence.kind) {
    case 'kubernetes':
      return kubernetesGrantLines(evidence);
    case 'unresolved-binding':
      return unresolvedBindingLines(evidence.binding, evidence.subject, evidence.reason);
    case 'superuser':
      return [SUPERUSER_TEXT];
    case 'rbac-off':
      return [
        `${evidence.certain ? '' : 'possibly, '}Kubernetes RBAC is off: every authenticated caller is authorized (${evidence.basis})`,
      ];
    case 'azure':
      return azureGrantLines(evidence.grant);
    case 'credential':
      return credentialGrantLines(evidence.grant);
    case 'unresolved-role':
      return [`possibly, Azure RBAC: ${describeAssignment(evidence.assignment)}, but ${evidence.reason}`];
  }
}
