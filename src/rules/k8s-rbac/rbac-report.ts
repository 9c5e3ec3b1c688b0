/** @module What the k8s-rbac rules share: the manifest bindings, and capability findings with their evidence. */
import type { KubeObject, PathSegment, Subject } from '../../model/index.js';
import { objectSubject } from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';
import type { Severity } from '../types.js';
import type {
  BindingMatch,
  Capability,
  EffectiveRule,
  RbacBinding,
  RbacRole,
  RbacRuleAnalysis,
} from '../kit/analyses.js';

export interface ManifestBinding {
  readonly binding: RbacBinding;
  readonly object: KubeObject;
  readonly subject: Subject;
}

/** The bindings the manifests define (the Kubernetes defaults are not the user's to fix). */
export function manifestBindings(analysis: RbacRuleAnalysis): ManifestBinding[] {
  const out: ManifestBinding[] = [];
  for (const binding of analysis.index.bindings) {
    if (binding.object) out.push({ binding, object: binding.object, subject: objectSubject(binding.object) });
  }
  return out;
}

/** The roles the manifests define, with their own rules as written. */
export function manifestRoles(analysis: RbacRuleAnalysis): { role: RbacRole; object: KubeObject }[] {
  const out: { role: RbacRole; object: KubeObject }[] = [];
  for (const role of analysis.index.roles.values()) if (role.object) out.push({ role, object: role.object });
  return out.sort(
    (a, b) =>
      a.object.origin.at.file.localeCompare(b.object.origin.at.file) ||
      a.object.origin.at.line - b.object.origin.at.line,
  );
}

/** `in namespace shop` or `cluster-wide`. */
export function bindingScope(binding: RbacBinding): string {
  return binding.kind === 'RoleBinding' ? `in namespace ${binding.namespace ?? 'default'}` : 'cluster-wide';
}

/** `get, list secrets (rule 1 of Role/shop/deployer (rbac.yaml:3): …)`: the probes each first-matching rule allows. */
export function describeMatches(analysis: RbacRuleAnalysis, matches: readonly BindingMatch[]): string {
  const byRule = new Map<EffectiveRule | undefined, string[]>();
  for (const match of matches) {
    const [first] = match.rules;
    byRule.set(first, [...(byRule.get(first) ?? []), analysis.describeProbe(match.probe)]);
  }
  return [...byRule]
    .map(([rule, probes]) =>
      rule === undefined
        ? probes.join(', ')
        : `${probes.join(', ')} (${analysis.describeEffectiveRule(rule)})`,
    )
    .join('; ');
}

/** How a capability rule words and grades a role that nothing binds (one rule for every k8s-rbac rule). */
export interface LatentRoles {
  /** What the role would let its holders do: `read secrets`, `run code`. */
  readonly what: string;
  /** The severity a binding of a Role gets (a namespaced grant), when it differs from the rule's. */
  readonly namespacedSeverity?: Severity;
}

/**
 * The manifest roles no binding of the inputs grants that would grant the capability: each one a finding at
 * the severity a binding would get, marked latent (the engine grades it one step lower, with the reason).
 */
function reportLatentRoles(
  context: RuleContext<unknown, 'rbac'>,
  capability: Capability,
  latent: LatentRoles,
) {
  const analysis = context.analyses.rbac;
  for (const { role, object } of manifestRoles(analysis)) {
    if (analysis.isRoleBound(role)) continue;
    const matches = analysis.roleCapability(role, capability);
    if (matches.length === 0) continue;
    const subject = objectSubject(object);
    const first = matches[0]?.rules.find((r) => r.source === role);
    const scope =
      role.kind === 'Role'
        ? `in namespace ${role.namespace ?? 'default'}`
        : 'wherever it is bound (cluster-wide at most)';
    context.report({
      subject,
      path: first === undefined ? ['rules'] : ['rules', first.index],
      ...(role.kind === 'Role' && latent.namespacedSeverity !== undefined
        ? {
            severity: latent.namespacedSeverity,
            severityReason: 'a Role grants in its namespace only, as a RoleBinding of it would',
          }
        : {}),
      message: `${subject.display} would let its holders ${latent.what} ${scope}: ${describeMatches(analysis, matches)}; latent: bound by nothing in the inputs.`,
    });
  }
}

/**
 * Runs a capability over every manifest binding: `found` reports a binding whose role grants it, a
 * binding that grants nothing of it passes, and one whose role is missing from the inputs is not
 * assessed (the role may exist in the cluster). Roles no binding grants are reported as latent.
 */
export function checkBindingCapability(
  context: RuleContext<unknown, 'rbac'>,
  capability: Capability,
  latent: LatentRoles,
  found: (item: ManifestBinding, matches: BindingMatch[], role: RbacRole) => void,
): void {
  reportLatentRoles(context, capability, latent);
  const analysis = context.analyses.rbac;
  for (const item of manifestBindings(analysis)) {
    const resolution = analysis.resolveRoleRef(item.binding);
    const base = { subject: item.subject, path: ['roleRef'] as PathSegment[] };
    if (!resolution.ok) {
      const status = resolution.unresolved ? 'not-assessed' : 'pass';
      context.report({ ...base, status, message: `${item.subject.display}: ${resolution.reason}.` });
      continue;
    }
    const matches = analysis.bindingCapability(item.binding, capability);
    if (matches.length === 0) {
      const message = `${item.subject.display} grants ${analysis.describeRole(resolution.role)}, which cannot ${capability.label}.`;
      context.report({ ...base, status: 'pass', message });
      continue;
    }
    found(item, matches, resolution.role);
  }
}

/** The subjects a binding names, as `User alice, ServiceAccount shop/default`. */
export function describeSubjects(analysis: RbacRuleAnalysis, binding: RbacBinding): string {
  if (binding.subjects.length === 0) return 'no subject';
  return binding.subjects.map((s) => analysis.describeSubject(s, binding.namespace)).join(', ');
}
