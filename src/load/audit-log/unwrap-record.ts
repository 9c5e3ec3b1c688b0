/**
 * @module The shapes an audit event arrives in, unwrapped to the Event object: the Event itself, an
 * `EventList`, the AKS diagnostic-setting export record (`category` kube-audit or kube-audit-admin,
 * the Event as a JSON string in `properties.log`; storage-account blobs hold one per line, Event Hub
 * messages wrap them in `records`), the Log Analytics `AzureDiagnostics` row (`log_s`), the
 * resource-specific `AKSAudit` / `AKSAuditAdmin` row (`AuditId`, `Verb`, `User`, `ObjectRef`, …) and
 * a Log Analytics query answer (`tables[].columns` + `rows`).
 */
import type { JsonObject } from '../../model/index.js';
import { arrayAt, isObject, stringAt } from '../../model/index.js';

const AUDIT_CATEGORIES = new Set(['kube-audit', 'kube-audit-admin']);

/** `AKSAudit` column → Event field; dynamic columns may be exported as JSON text. */
const AKS_AUDIT_COLUMNS: readonly (readonly [string, string])[] = [
  ['Level', 'level'],
  ['AuditId', 'auditID'],
  ['Stage', 'stage'],
  ['RequestUri', 'requestURI'],
  ['Verb', 'verb'],
  ['User', 'user'],
  ['ImpersonatedUser', 'impersonatedUser'],
  ['SourceIps', 'sourceIPs'],
  ['UserAgent', 'userAgent'],
  ['ObjectRef', 'objectRef'],
  ['ResponseStatus', 'responseStatus'],
  ['Annotations', 'annotations'],
  ['RequestReceivedTime', 'requestReceivedTimestamp'],
  ['StageReceivedTime', 'stageTimestamp'],
];

export type Unwrapped =
  | { readonly kind: 'events'; readonly events: readonly unknown[] }
  /** A record of another diagnostic category (kube-apiserver, guard…): not an error, just not audit. */
  | { readonly kind: 'other-category'; readonly category: string }
  | { readonly kind: 'invalid'; readonly reason: string };

function decodeDynamic(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return value;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return value;
  }
}

function fromAksAuditRow(row: JsonObject): JsonObject {
  const event: Record<string, unknown> = { apiVersion: 'audit.k8s.io/v1', kind: 'Event' };
  for (const [column, field] of AKS_AUDIT_COLUMNS) {
    const value = decodeDynamic(row[column]);
    if (value !== undefined && value !== null && value !== '') event[field] = value;
  }
  return event;
}

function parseEmbedded(text: string, where: string): Unwrapped {
  try {
    return unwrapRecord(JSON.parse(text) as unknown, 1);
  } catch {
    return { kind: 'invalid', reason: `${where} is not valid JSON (truncated?)` };
  }
}

/** Rows of a Log Analytics query answer, as objects keyed by column name. */
function tableRows(table: unknown): JsonObject[] {
  const names = arrayAt(table, 'columns').map((c) => stringAt(c, 'name') ?? '');
  return arrayAt(table, 'rows')
    .filter((row): row is unknown[] => Array.isArray(row))
    .map((row) => Object.fromEntries(names.map((name, i) => [name, row[i]])));
}

function many(values: readonly unknown[], depth: number): Unwrapped {
  const events: unknown[] = [];
  let firstProblem: Unwrapped | undefined;
  for (const value of values) {
    const inner = unwrapRecord(value, depth + 1);
    if (inner.kind === 'events') events.push(...inner.events);
    else firstProblem ??= inner;
  }
  if (events.length === 0 && firstProblem) return firstProblem;
  return { kind: 'events', events };
}

/** Unwraps one decoded JSON value (depth guards against pathological nesting). */
export function unwrapRecord(value: unknown, depth = 0): Unwrapped {
  if (depth > 4) return { kind: 'invalid', reason: 'records nested too deeply' };
  if (Array.isArray(value)) return many(value, depth);
  if (!isObject(value)) return { kind: 'invalid', reason: 'not a JSON object' };
  const kind = stringAt(value, 'kind');
  const apiVersion = stringAt(value, 'apiVersion') ?? '';
  if (kind === 'Event' && apiVersion.startsWith('audit.k8s.io/')) return { kind: 'events', events: [value] };
  if (kind === 'EventList') return { kind: 'events', events: arrayAt(value, 'items') };
  if (Array.isArray(value['records'])) return many(value['records'] as unknown[], depth);
  if (Array.isArray(value['tables'])) return many((value['tables'] as unknown[]).flatMap(tableRows), depth);
  const category = stringAt(value, 'category') ?? stringAt(value, 'Category');
  if (category !== undefined && !AUDIT_CATEGORIES.has(category) && value['AuditId'] === undefined) {
    return { kind: 'other-category', category };
  }
  const log = stringAt(value['properties'], 'log');
  if (log !== undefined) return parseEmbedded(log, 'properties.log');
  const logS = stringAt(value, 'log_s');
  if (logS !== undefined) return parseEmbedded(logS, 'log_s');
  if (value['AuditId'] !== undefined && value['Verb'] !== undefined) {
    return { kind: 'events', events: [fromAksAuditRow(value)] };
  }
  if (stringAt(value, 'auditID') !== undefined && stringAt(value, 'stage') !== undefined) {
    return { kind: 'events', events: [value] }; // an Event without apiVersion/kind (some exporters strip them)
  }
  return {
    kind: 'invalid',
    reason: 'not an audit event (no audit.k8s.io Event, export record or AKSAudit row)',
  };
}
