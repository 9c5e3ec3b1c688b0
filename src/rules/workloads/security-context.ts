/** @module Security-context reads shared by the workload rules: container over pod, capability names, privilege. */
import type { Container, JsonObject, PathSegment, Workload } from '../../model/index.js';
import { objectAt } from '../../model/index.js';

export function containerContext(container: Container): JsonObject | undefined {
  return objectAt(container.body, 'securityContext');
}

export function podContext(workload: Workload): JsonObject | undefined {
  return objectAt(workload.podSpec, 'securityContext');
}

export function podContextPath(workload: Workload, ...rest: PathSegment[]): PathSegment[] {
  return [...workload.podSpecPath, 'securityContext', ...rest];
}

/** A value as the API server would decode it: present and well-typed, absent, or of the wrong type (rejected). */
export type Field<T> =
  | { readonly state: 'set'; readonly value: T }
  | { readonly state: 'unset' }
  | { readonly state: 'invalid'; readonly raw: unknown };

export function readField<T>(
  object: JsonObject | undefined,
  key: string,
  isType: (value: unknown) => value is T,
): Field<T> {
  const raw = object?.[key];
  if (raw === undefined || raw === null) return { state: 'unset' };
  return isType(raw) ? { state: 'set', value: raw } : { state: 'invalid', raw };
}

export const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
export const isInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value);

/** The fix for a finding whose cause is a privileged container. */
export const PRIVILEGED_FIX =
  'Remove securityContext.privileged: true; grant the one capability the container needs instead.';

export function isPrivileged(container: Container): boolean {
  return containerContext(container)?.['privileged'] === true;
}

/** Capability names as written in `capabilities.add` or `.drop`. */
export function capabilitiesAsWritten(container: Container, key: 'add' | 'drop'): string[] {
  const list = objectAt(containerContext(container), 'capabilities')?.[key];
  return Array.isArray(list) ? list.filter((c): c is string => typeof c === 'string') : [];
}

/**
 * A capability name as the container runtime reads it: containerd upper-cases the name (Linux
 * capability names are case-insensitive to it) and prefixes `CAP_`; a written `CAP_` prefix is dropped
 * here so `CAP_SYS_ADMIN` and `sys_admin` both read as SYS_ADMIN.
 */
export function normalizeCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

/** CAP_SYS_ADMIN in `add`: the API server treats it like privileged for allowPrivilegeEscalation. */
export function addsSysAdmin(container: Container): boolean {
  return capabilitiesAsWritten(container, 'add').some((c) => normalizeCapability(c) === 'SYS_ADMIN');
}
