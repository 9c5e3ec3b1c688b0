/**
 * @module One Kubernetes API audit event (`audit.k8s.io/v1` Event), reduced to what authorization
 * evidence needs: who asked, what was asked, and what the API server answered.
 */
import type { SourceLocation } from '../../model/index.js';
import { arrayAt, isObject, numberAt, objectAt, stringAt, stringMapAt } from '../../model/index.js';

export interface AuditUser {
  readonly username: string;
  readonly groups: readonly string[];
}

/** `objectRef` of a resource request; empty strings where the event has none. */
export interface AuditObjectRef {
  readonly apiGroup: string;
  readonly apiVersion: string;
  readonly resource: string;
  readonly subresource: string;
  readonly namespace: string;
  readonly name: string;
}

/** The stages that carry a response: the request was authorized, or refused, by then. */
export type ResponseStage = 'ResponseComplete' | 'ResponseStarted';

export interface AuditEvent {
  /** `''` when the event has none (it then cannot be deduplicated). */
  readonly auditID: string;
  readonly stage: ResponseStage;
  readonly verb: string;
  readonly user: AuditUser;
  /** Set when the caller impersonated someone: the request is authorized as this user. */
  readonly impersonatedUser?: AuditUser;
  /** Absent for non-resource requests (`/healthz`, `/apis`). */
  readonly objectRef?: AuditObjectRef;
  readonly requestURI: string;
  readonly responseCode?: number;
  /** `authorization.k8s.io/decision`: `allow` or `forbid`. */
  readonly decision?: string;
  readonly userAgent?: string;
  readonly sourceIPs: readonly string[];
  /** `requestReceivedTimestamp`, as written (RFC 3339). */
  readonly timestamp?: string;
  /** The line of the record in its file. */
  readonly at: SourceLocation;
}

export type EventReading =
  | { readonly ok: true; readonly event: AuditEvent }
  | { readonly ok: false; readonly skipped: 'stage'; readonly stage: string }
  | { readonly ok: false; readonly skipped: 'invalid'; readonly reason: string };

function readUser(value: unknown): AuditUser | undefined {
  const username = stringAt(value, 'username');
  if (username === undefined || username === '') return undefined;
  const groups = arrayAt(value, 'groups').filter((g): g is string => typeof g === 'string');
  return { username, groups };
}

function readObjectRef(value: unknown): AuditObjectRef | undefined {
  if (!isObject(value)) return undefined;
  const resource = stringAt(value, 'resource') ?? '';
  if (resource === '') return undefined;
  return {
    apiGroup: stringAt(value, 'apiGroup') ?? '',
    apiVersion: stringAt(value, 'apiVersion') ?? '',
    resource,
    subresource: stringAt(value, 'subresource') ?? '',
    namespace: stringAt(value, 'namespace') ?? '',
    name: stringAt(value, 'name') ?? '',
  };
}

/** Reads an Event object (already unwrapped from any export envelope). */
export function readAuditEvent(value: unknown, at: SourceLocation): EventReading {
  if (!isObject(value)) return { ok: false, skipped: 'invalid', reason: 'the record is not an object' };
  const stage = stringAt(value, 'stage');
  if (stage === undefined) return { ok: false, skipped: 'invalid', reason: 'the event has no stage' };
  if (stage !== 'ResponseComplete' && stage !== 'ResponseStarted')
    return { ok: false, skipped: 'stage', stage };
  const verb = stringAt(value, 'verb');
  if (verb === undefined || verb === '')
    return { ok: false, skipped: 'invalid', reason: 'the event has no verb' };
  const user = readUser(value['user']);
  if (!user) return { ok: false, skipped: 'invalid', reason: 'the event has no user.username' };
  const impersonatedUser = readUser(value['impersonatedUser']);
  const objectRef = readObjectRef(value['objectRef']);
  const requestURI = stringAt(value, 'requestURI') ?? '';
  if (!objectRef && !requestURI.startsWith('/')) {
    return { ok: false, skipped: 'invalid', reason: 'the event has neither objectRef nor requestURI' };
  }
  const responseCode = numberAt(objectAt(value, 'responseStatus'), 'code');
  const decision = stringMapAt(value, 'annotations')['authorization.k8s.io/decision'];
  const userAgent = stringAt(value, 'userAgent');
  const timestamp = stringAt(value, 'requestReceivedTimestamp') ?? stringAt(value, 'stageTimestamp');
  const event: AuditEvent = {
    auditID: stringAt(value, 'auditID') ?? '',
    stage,
    verb,
    user,
    ...(impersonatedUser ? { impersonatedUser } : {}),
    ...(objectRef ? { objectRef } : {}),
    requestURI,
    ...(responseCode === undefined ? {} : { responseCode }),
    ...(decision === undefined ? {} : { decision }),
    ...(userAgent === undefined ? {} : { userAgent }),
    sourceIPs: arrayAt(value, 'sourceIPs').filter((ip): ip is string => typeof ip === 'string'),
    ...(timestamp === undefined ? {} : { timestamp }),
    at,
  };
  return { ok: true, event };
}
