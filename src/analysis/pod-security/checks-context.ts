/** @module Baseline checks on security-context values: capabilities, AppArmor, SELinux, /proc mount, seccomp, sysctls. */
import { arrayAt, objectAt, stringAt } from '../../model/index.js';
import type { PodView } from './pod-view.js';
import { atContainer, capabilityList, containerContext, contextPath } from './pod-view.js';
import type { Problem } from './types.js';

/** The capabilities baseline lets a container add: the runtime default set, minus nothing, NET_RAW excluded. */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** capabilities.add: only the baseline set, compared exactly as written (PSA is case-sensitive). */
export function capabilitiesBaseline(pod: PodView): Problem[] {
  const problems: Problem[] = [];
  for (const c of pod.containers) {
    const extra = capabilityList(c, 'add').filter((cap) => !BASELINE_CAPABILITIES.has(cap));
    if (extra.length === 0) continue;
    const detail = `container "${c.name}" adds ${extra.join(', ')}`;
    problems.push(atContainer(c, contextPath(c, 'capabilities', 'add'), detail));
  }
  return problems;
}

const APPARMOR_TYPES = new Set(['RuntimeDefault', 'Localhost']);
const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

/** appArmorProfile.type RuntimeDefault or Localhost; the beta annotation empty, runtime/default or localhost/*. */
export function appArmorProfile(pod: PodView): Problem[] {
  const problems: Problem[] = [];
  const podType = stringAt(objectAt(pod.podContext, 'appArmorProfile'), 'type');
  if (podType !== undefined && !APPARMOR_TYPES.has(podType)) {
    problems.push({
      path: [...pod.podContextPath, 'appArmorProfile', 'type'],
      detail: `AppArmor ${podType}`,
    });
  }
  for (const c of pod.containers) {
    const type = stringAt(objectAt(containerContext(c), 'appArmorProfile'), 'type');
    if (type === undefined || APPARMOR_TYPES.has(type)) continue;
    problems.push(atContainer(c, contextPath(c, 'appArmorProfile', 'type'), `AppArmor ${type}`));
  }
  for (const [key, value] of Object.entries(pod.annotations)) {
    if (!key.startsWith(APPARMOR_ANNOTATION)) continue;
    if (value === '' || value === 'runtime/default' || value.startsWith('localhost/')) continue;
    problems.push({ path: [...pod.metadataPath, 'annotations', key], detail: `${key}=${value}` });
  }
  return problems;
}

const SELINUX_TYPES_1_0 = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
const SELINUX_TYPES_1_31 = [...SELINUX_TYPES_1_0, 'container_engine_t'];

function seLinuxProblems(options: unknown, at: readonly (string | number)[], types: readonly string[]) {
  const problems: Omit<Problem, 'container'>[] = [];
  const type = stringAt(options, 'type');
  if (type !== undefined && !types.includes(type))
    problems.push({ path: [...at, 'type'], detail: `SELinux type ${type}` });
  for (const key of ['user', 'role'] as const) {
    const value = stringAt(options, key);
    if (value !== undefined && value !== '')
      problems.push({ path: [...at, key], detail: `SELinux ${key} ${value}` });
  }
  return problems;
}

/** seLinuxOptions: type from the allowed set (v1.31 adds container_engine_t); user and role unset. */
export function seLinuxOptions(minor: number) {
  const types = minor >= 31 ? SELINUX_TYPES_1_31 : SELINUX_TYPES_1_0;
  return (pod: PodView): Problem[] => [
    ...seLinuxProblems(
      objectAt(pod.podContext, 'seLinuxOptions'),
      [...pod.podContextPath, 'seLinuxOptions'],
      types,
    ),
    ...pod.containers.flatMap((c) =>
      seLinuxProblems(
        objectAt(containerContext(c), 'seLinuxOptions'),
        contextPath(c, 'seLinuxOptions'),
        types,
      ).map((p) => ({ ...p, container: c.name })),
    ),
  ];
}

/** procMount undefined or Default; from v1.35 baseline lets a user-namespace pod (hostUsers: false) unmask /proc. */
export function procMount(relaxForUserNamespace: boolean) {
  return (pod: PodView): Problem[] => {
    if (relaxForUserNamespace && pod.inUserNamespace) return [];
    return pod.containers.flatMap((c) => {
      const value = stringAt(containerContext(c), 'procMount');
      return value === undefined || value === 'Default'
        ? []
        : [atContainer(c, contextPath(c, 'procMount'), `procMount ${value}`)];
    });
  };
}

const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';

function isAllowedSeccompAnnotation(value: string): boolean {
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

/** (v1.0–1.18) the alpha annotations, pod and per container, only runtime/default, docker/default, localhost/*. */
export function seccompBaselineAnnotations(pod: PodView): Problem[] {
  const keys = [SECCOMP_POD_ANNOTATION, ...pod.containers.map((c) => SECCOMP_CONTAINER_ANNOTATION + c.name)];
  return keys
    .filter((key) => {
      const value = pod.annotations[key];
      return value !== undefined && !isAllowedSeccompAnnotation(value);
    })
    .map((key) => ({
      path: [...pod.metadataPath, 'annotations', key],
      detail: `${key}=${pod.annotations[key] ?? ''}`,
    }));
}

export function isAllowedSeccompType(type: string | undefined): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

/** (v1.19+) seccompProfile.type, where set at pod or container level, RuntimeDefault or Localhost. */
export function seccompBaselineFields(pod: PodView): Problem[] {
  const problems: Problem[] = [];
  const podProfile = objectAt(pod.podContext, 'seccompProfile');
  if (podProfile && !isAllowedSeccompType(stringAt(podProfile, 'type'))) {
    const detail = `seccomp ${stringAt(podProfile, 'type') ?? '(no type)'}`;
    problems.push({ path: [...pod.podContextPath, 'seccompProfile', 'type'], detail });
  }
  for (const c of pod.containers) {
    const profile = objectAt(containerContext(c), 'seccompProfile');
    if (!profile || isAllowedSeccompType(stringAt(profile, 'type'))) continue;
    const detail = `seccomp ${stringAt(profile, 'type') ?? '(no type)'}`;
    problems.push(atContainer(c, contextPath(c, 'seccompProfile', 'type'), detail));
  }
  return problems;
}

const SYSCTLS_1_0 = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
];
const SYSCTLS_1_27 = [...SYSCTLS_1_0, 'net.ipv4.ip_local_reserved_ports'];
const SYSCTLS_1_29 = [
  ...SYSCTLS_1_27,
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];
const SYSCTLS_1_32 = [...SYSCTLS_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];

/** The safe sysctls a policy version allows (namespaced, isolated from other pods). */
export function safeSysctls(minor: number): readonly string[] {
  if (minor >= 32) return SYSCTLS_1_32;
  if (minor >= 29) return SYSCTLS_1_29;
  if (minor >= 27) return SYSCTLS_1_27;
  return SYSCTLS_1_0;
}

/** spec.securityContext.sysctls[*].name: only the safe set of the policy version. */
export function sysctls(minor: number) {
  const allowed = safeSysctls(minor);
  return (pod: PodView): Problem[] => {
    const problems: Problem[] = [];
    arrayAt(pod.podContext, 'sysctls').forEach((sysctl, i) => {
      const name = stringAt(sysctl, 'name');
      if (name === undefined || allowed.includes(name)) return;
      problems.push({ path: [...pod.podContextPath, 'sysctls', i, 'name'], detail: `sysctl ${name}` });
    });
    return problems;
  };
}
