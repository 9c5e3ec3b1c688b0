/**
 * @module Admission policies for the pod-hardening rules, as ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1,
 * Kubernetes 1.30+) with two bindings: Warn + Audit first, Deny once the listed workloads are fixed
 * (the guidance's rollout order for admission). Each policy checks pods and the pod templates of
 * the workload kinds, so a Deployment is refused at apply time, not its pods later in silence.
 */
import { stringify } from 'yaml';

export interface AdmissionPolicy {
  /** The rule the policy enforces. */
  readonly rule: string;
  readonly name: string;
  readonly message: string;
  /** CEL over `variables.podSpec` and `variables.containers`. */
  readonly expression: string;
}

/** The pod spec of a Pod or of a workload's template; and all its containers (init included). */
const WINDOWS_TERM =
  "has(t.matchExpressions) && t.matchExpressions.exists(e, e.key == 'kubernetes.io/os' && e.operator == 'In' && e.values.all(v, v == 'windows'))";

const VARIABLES = [
  {
    name: 'podSpec',
    expression:
      "object.kind == 'Pod' ? object.spec : object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec",
  },
  {
    // Windows pods: by spec.os, a nodeSelector, or a required node affinity that admits only Windows nodes.
    name: 'windows',
    expression: `(has(variables.podSpec.os) && variables.podSpec.os.name == 'windows') || (has(variables.podSpec.nodeSelector) && 'kubernetes.io/os' in variables.podSpec.nodeSelector && variables.podSpec.nodeSelector['kubernetes.io/os'] == 'windows') || (has(variables.podSpec.affinity) && has(variables.podSpec.affinity.nodeAffinity) && has(variables.podSpec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution) && variables.podSpec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms.all(t, ${WINDOWS_TERM}))`,
  },
  {
    name: 'containers',
    expression:
      'variables.podSpec.containers + (has(variables.podSpec.initContainers) ? variables.podSpec.initContainers : []) + (has(variables.podSpec.ephemeralContainers) ? variables.podSpec.ephemeralContainers : [])',
  },
];

const SC = (field: string): string => `has(c.securityContext) && has(c.securityContext.${field})`;

/** A privileged container: it always allows escalation and always runs Unconfined. */
const PRIVILEGED = `(${SC('privileged')} && c.securityContext.privileged == true)`;
const SYS_ADMIN = `(${SC('capabilities')} && has(c.securityContext.capabilities.add) && c.securityContext.capabilities.add.exists(a, a in ['SYS_ADMIN', 'CAP_SYS_ADMIN']))`;

/** The CEL of a registry allowlist: `mcr.microsoft.com` exactly, `*.azurecr.io` as a suffix. */
function registryExpression(allowed: readonly string[]): string {
  const checks = allowed.map((registry) =>
    registry.startsWith('*.')
      ? `c.image.split('/')[0].endsWith('${registry.slice(1)}')`
      : `c.image.startsWith('${registry}/')`,
  );
  return `variables.containers.all(c, !has(c.image) || ${checks.join(' || ')})`;
}

export function admissionPolicies(allowedRegistries: readonly string[]): AdmissionPolicy[] {
  return [
    {
      rule: 'no-privileged',
      name: 'aksward-no-privileged',
      message:
        'privileged containers and Windows HostProcess containers are not allowed (aksward no-privileged)',
      expression: `variables.containers.all(c, !${PRIVILEGED} && !(has(c.securityContext) && has(c.securityContext.windowsOptions) && has(c.securityContext.windowsOptions.hostProcess) && c.securityContext.windowsOptions.hostProcess == true)) && !(has(variables.podSpec.securityContext) && has(variables.podSpec.securityContext.windowsOptions) && has(variables.podSpec.securityContext.windowsOptions.hostProcess) && variables.podSpec.securityContext.windowsOptions.hostProcess == true)`,
    },
    {
      rule: 'no-privilege-escalation',
      name: 'aksward-no-privilege-escalation',
      message:
        'containers must set securityContext.allowPrivilegeEscalation: false (aksward no-privilege-escalation)',
      expression: `variables.windows || variables.containers.all(c, !${PRIVILEGED} && !${SYS_ADMIN} && ${SC('allowPrivilegeEscalation')} && c.securityContext.allowPrivilegeEscalation == false)`,
    },
    {
      rule: 'no-added-capabilities',
      name: 'aksward-no-added-capabilities',
      message:
        'containers must drop ALL capabilities and add none but NET_BIND_SERVICE (aksward no-added-capabilities)',
      expression: `variables.windows || variables.containers.all(c, !${PRIVILEGED} && ${SC('capabilities')} && has(c.securityContext.capabilities.drop) && c.securityContext.capabilities.drop.exists(d, d == 'ALL') && (!has(c.securityContext.capabilities.add) || c.securityContext.capabilities.add.all(a, a == 'NET_BIND_SERVICE')))`,
    },
    {
      rule: 'require-non-root',
      name: 'aksward-require-non-root',
      message:
        'containers must run as a non-root user: a non-zero runAsUser, or runAsNonRoot (aksward require-non-root)',
      // A runAsUser decides (container, then pod); without one, runAsNonRoot makes the kubelet refuse a root image.
      expression:
        "variables.windows ? variables.containers.all(c, ((has(c.securityContext) && has(c.securityContext.windowsOptions) && has(c.securityContext.windowsOptions.runAsUserName)) ? c.securityContext.windowsOptions.runAsUserName : (has(variables.podSpec.securityContext) && has(variables.podSpec.securityContext.windowsOptions) && has(variables.podSpec.securityContext.windowsOptions.runAsUserName)) ? variables.podSpec.securityContext.windowsOptions.runAsUserName : '') != 'ContainerAdministrator') : " +
        'variables.containers.all(c, (has(c.securityContext) && has(c.securityContext.runAsUser)) ? c.securityContext.runAsUser != 0 : (has(variables.podSpec.securityContext) && has(variables.podSpec.securityContext.runAsUser)) ? variables.podSpec.securityContext.runAsUser != 0 : ((has(c.securityContext) && has(c.securityContext.runAsNonRoot)) ? c.securityContext.runAsNonRoot == true : (has(variables.podSpec.securityContext) && has(variables.podSpec.securityContext.runAsNonRoot) && variables.podSpec.securityContext.runAsNonRoot == true)))',
    },
    {
      rule: 'no-host-namespaces',
      name: 'aksward-no-host-namespaces',
      message: 'pods must not share the node’s PID, IPC or network namespace (aksward no-host-namespaces)',
      expression:
        '!(has(variables.podSpec.hostPID) && variables.podSpec.hostPID) && !(has(variables.podSpec.hostIPC) && variables.podSpec.hostIPC) && !(has(variables.podSpec.hostNetwork) && variables.podSpec.hostNetwork)',
    },
    {
      rule: 'no-host-path',
      name: 'aksward-no-host-path',
      message: 'hostPath volumes are not allowed (aksward no-host-path)',
      expression: '!has(variables.podSpec.volumes) || variables.podSpec.volumes.all(v, !has(v.hostPath))',
    },
    {
      rule: 'require-seccomp',
      name: 'aksward-require-seccomp',
      message:
        'pods must run under the RuntimeDefault or a Localhost seccomp profile (aksward require-seccomp)',
      expression:
        'variables.windows || variables.containers.all(c, !' +
        PRIVILEGED +
        " && ((has(c.securityContext) && has(c.securityContext.seccompProfile)) ? c.securityContext.seccompProfile.type in ['RuntimeDefault', 'Localhost'] : (has(variables.podSpec.securityContext) && has(variables.podSpec.securityContext.seccompProfile) && variables.podSpec.securityContext.seccompProfile.type in ['RuntimeDefault', 'Localhost'])))",
    },
    {
      rule: 'require-allowed-registries',
      name: 'aksward-require-allowed-registries',
      message: `images must come from an allowed registry: ${allowedRegistries.join(', ')} (aksward require-allowed-registries)`,
      expression: registryExpression(allowedRegistries),
    },
  ];
}

/** Namespaces the bindings leave alone: AKS's own add-ons run there. */
export const EXEMPT_NAMESPACES = ['kube-system', 'gatekeeper-system', 'calico-system', 'tigera-operator'];

function policyObject(policy: AdmissionPolicy): Record<string, unknown> {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name: policy.name },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules: [
          { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods'] },
          {
            apiGroups: ['apps'],
            apiVersions: ['v1'],
            operations: ['CREATE', 'UPDATE'],
            resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'],
          },
          {
            apiGroups: ['batch'],
            apiVersions: ['v1'],
            operations: ['CREATE', 'UPDATE'],
            resources: ['jobs', 'cronjobs'],
          },
        ],
      },
      variables: VARIABLES,
      validations: [{ expression: policy.expression, message: policy.message }],
    },
  };
}

function bindingObject(policy: AdmissionPolicy, mode: 'audit' | 'deny'): Record<string, unknown> {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name: `${policy.name}-${mode}` },
    spec: {
      policyName: policy.name,
      validationActions: mode === 'audit' ? ['Warn', 'Audit'] : ['Deny'],
      matchResources: {
        namespaceSelector: {
          matchExpressions: [
            { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: EXEMPT_NAMESPACES },
          ],
        },
      },
    },
  };
}

function documents(header: string, objects: readonly Record<string, unknown>[]): string {
  return `${header}\n${objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n')}`;
}

/** The policies file, the Warn/Audit bindings file and the Deny bindings file. */
export function admissionArtifacts(policies: readonly AdmissionPolicy[]): {
  readonly policies: string;
  readonly audit: string;
  readonly deny: string;
} {
  const rules = policies.map((p) => p.rule).join(', ');
  return {
    policies: documents(
      `# ValidatingAdmissionPolicies for ${rules} (Kubernetes 1.30+). Generated by aksward fix.`,
      policies.map(policyObject),
    ),
    audit: documents(
      '# Step 1: bindings in Warn + Audit. Read the warnings and the audit log, fix the workloads they name, then apply the Deny bindings.',
      policies.map((p) => bindingObject(p, 'audit')),
    ),
    deny: documents(
      '# Step 2: bindings in Deny, once no workload triggers the Warn bindings. Delete the Warn bindings after.',
      policies.map((p) => bindingObject(p, 'deny')),
    ),
  };
}
