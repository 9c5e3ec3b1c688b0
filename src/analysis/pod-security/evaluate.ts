/** @module evaluatePodSecurity: which Pod Security Standards checks a pod violates at a level and policy version. */
import * as ctx from './checks-context.js';
import * as host from './checks-host.js';
import * as restricted from './checks-restricted.js';
import type { PodView } from './pod-view.js';
import { podView } from './pod-view.js';
import type { CheckId, PodSecurityInput, PodSecurityLevel, Problem, Violation } from './types.js';

/** The newest policy version this module implements; `latest` means this unless the API server is older. */
export const LATEST_POLICY_MINOR = 35;

type CheckFn = (pod: PodView) => Problem[];

interface CheckVersion {
  /** The first policy version (1.<since>) this revision applies to. */
  readonly since: number;
  readonly run: CheckFn;
  /** Baseline checks this restricted revision replaces (it forbids everything they forbid). */
  readonly overrides?: readonly CheckId[];
}

interface Check {
  readonly id: CheckId;
  readonly level: PodSecurityLevel;
  readonly control: string;
  readonly versions: readonly CheckVersion[];
}

const ALL_VERSIONS = (run: CheckFn): CheckVersion[] => [{ since: 0, run }];

/** Mirrors the check registry of Kubernetes' Pod Security Admission, revision by revision. */
const CHECKS: readonly Check[] = [
  {
    id: 'hostNamespaces',
    level: 'baseline',
    control: 'Host Namespaces',
    versions: ALL_VERSIONS(host.hostNamespaces),
  },
  {
    id: 'privileged',
    level: 'baseline',
    control: 'Privileged Containers',
    versions: ALL_VERSIONS(host.privileged),
  },
  {
    id: 'capabilities_baseline',
    level: 'baseline',
    control: 'Capabilities',
    versions: ALL_VERSIONS(ctx.capabilitiesBaseline),
  },
  {
    id: 'hostPathVolumes',
    level: 'baseline',
    control: 'HostPath Volumes',
    versions: ALL_VERSIONS(host.hostPathVolumes),
  },
  { id: 'hostPorts', level: 'baseline', control: 'Host Ports', versions: ALL_VERSIONS(host.hostPorts) },
  {
    id: 'appArmorProfile',
    level: 'baseline',
    control: 'AppArmor',
    versions: ALL_VERSIONS(ctx.appArmorProfile),
  },
  {
    id: 'seLinuxOptions',
    level: 'baseline',
    control: 'SELinux',
    versions: [
      { since: 0, run: ctx.seLinuxOptions(0) },
      { since: 31, run: ctx.seLinuxOptions(31) },
    ],
  },
  {
    id: 'procMount',
    level: 'baseline',
    control: '/proc Mount Type',
    versions: [
      { since: 0, run: ctx.procMount(false) },
      { since: 35, run: ctx.procMount(true) },
    ],
  },
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    control: 'Seccomp',
    versions: [
      { since: 0, run: ctx.seccompBaselineAnnotations },
      { since: 19, run: ctx.seccompBaselineFields },
    ],
  },
  {
    id: 'sysctls',
    level: 'baseline',
    control: 'Sysctls',
    versions: [0, 27, 29, 32].map((since) => ({ since, run: ctx.sysctls(since) })),
  },
  {
    id: 'windowsHostProcess',
    level: 'baseline',
    control: 'HostProcess',
    versions: ALL_VERSIONS(host.windowsHostProcess),
  },
  {
    id: 'hostProbesAndHostLifecycle',
    level: 'baseline',
    control: 'Host Probes / Lifecycle Hooks',
    versions: [{ since: 34, run: host.hostProbesAndHostLifecycle }],
  },
  {
    id: 'restrictedVolumes',
    level: 'restricted',
    control: 'Volume Types',
    versions: [{ since: 0, run: restricted.restrictedVolumes, overrides: ['hostPathVolumes'] }],
  },
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    control: 'Privilege Escalation',
    versions: [
      { since: 8, run: restricted.allowPrivilegeEscalation(false) },
      { since: 25, run: restricted.allowPrivilegeEscalation(true) },
    ],
  },
  {
    id: 'runAsNonRoot',
    level: 'restricted',
    control: 'Running as Non-root',
    versions: [
      { since: 0, run: restricted.runAsNonRoot(false) },
      { since: 35, run: restricted.runAsNonRoot(true) },
    ],
  },
  {
    id: 'runAsUser',
    level: 'restricted',
    control: 'Running as Non-root user',
    versions: [
      { since: 23, run: restricted.runAsUser(false) },
      { since: 35, run: restricted.runAsUser(true) },
    ],
  },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    control: 'Seccomp',
    versions: [
      { since: 19, run: restricted.seccompRestricted(false), overrides: ['seccompProfile_baseline'] },
      { since: 25, run: restricted.seccompRestricted(true), overrides: ['seccompProfile_baseline'] },
    ],
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    control: 'Capabilities',
    versions: [
      { since: 22, run: restricted.capabilitiesRestricted(false), overrides: ['capabilities_baseline'] },
      { since: 25, run: restricted.capabilitiesRestricted(true), overrides: ['capabilities_baseline'] },
    ],
  },
  {
    id: 'procMount_restricted',
    level: 'restricted',
    control: '/proc Mount Type',
    versions: [{ since: 35, run: ctx.procMount(false), overrides: ['procMount'] }],
  },
];

/** The revision of a check in force at a policy version: the newest one not newer than it. */
function revisionAt(check: Check, minor: number): CheckVersion | undefined {
  return check.versions.filter((v) => v.since <= minor).at(-1);
}

/**
 * The violations of a pod at `level` and policy version v1.`minor` (above LATEST_POLICY_MINOR is
 * clamped to it, as PSA clamps to its newest check). Baseline checks apply at both levels; restricted
 * adds its own and drops the baseline checks it overrides. An empty list means admission allows the pod.
 */
export function evaluatePodSecurity(
  input: PodSecurityInput,
  level: PodSecurityLevel,
  minor: number,
): Violation[] {
  const version = Math.min(minor, LATEST_POLICY_MINOR);
  const pod = podView(input);
  const active = CHECKS.filter((c) => c.level === 'baseline' || level === 'restricted')
    .map((check) => ({ check, revision: revisionAt(check, version) }))
    .filter((a): a is { check: Check; revision: CheckVersion } => a.revision !== undefined);
  const overridden = new Set(active.flatMap((a) => a.revision.overrides ?? []));
  return active
    .filter((a) => !overridden.has(a.check.id))
    .flatMap(({ check, revision }) =>
      revision.run(pod).map((p) => ({ check: check.id, level: check.level, control: check.control, ...p })),
    );
}
