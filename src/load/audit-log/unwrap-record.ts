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
import { appendAll } from '../../model/append.js';

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

/** What one record held: Event objects, records of other diagnostic categories, and unreadable parts. */
export interface Unwrapped {
  readonly events: readonly unknown[];
  /** Records of other diagnostic categories (kube-apiserver, guard…): not errors, just not audit. */
  readonly otherCategories: number;
  /** Why each unreadable part was not read. */
  readonly problems: readonly string[];
}

const events = (values: readonly unknown[]): Unwrapped => ({
  events: values,
  otherCategories: 0,
  problems: [],
});
const problem = (reason: string): Unwrapped => ({ events: [], otherCategories: 0, problems: [reason] });

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
    return problem(`${where} is not valid JSON (truncated?)`);
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
  const found: unknown[] = [];
  const problems: string[] = [];
  let otherCategories = 0;
  for (const value of values) {
    const inner = unwrapRecord(value, depth + 1);
    appendAll(found, inner.events);
    appendAll(problems, inner.problems);
    otherCategories += inner.otherCategories;
  }
  return { events: found, otherCategories, problems };
}

/** Unwraps one decoded JSON value (depth guards against pathological nesting). */
export function unwrapRecord(value: unknown, depth = 0): Unwrapped {
  if (depth > 4) return problem('records nested too deeply');
  if (Array.isArray(value)) return many(value, depth);
  if (!isObject(value)) return problem('not a JSON object');
  const kind = stringAt(value, 'kind');
  const apiVersion = stringAt(value, 'apiVersion') ?? '';
  if (kind === 'Event' && apiVersion.startsWith('audit.k8s.io/')) return events([value]);
  if (kind === 'EventList') return events(arrayAt(value, 'items'));
  if (Array.isArray(value['records'])) return many(value['records'] as unknown[], depth);
  if (Array.isArray(value['tables'])) return many((value['tables'] as unknown[]).flatMap(tableRows), depth);
  const category = stringAt(value, 'category') ?? stringAt(value, 'Category');
  if (category !== undefined && !AUDIT_CATEGORIES.has(category) && value['AuditId'] === undefined) {
    return { events: [], otherCategories: 1, problems: [] };
  }
  const log = stringAt(value['properties'], 'log');
  if (log !== undefined) return parseEmbedded(log, 'properties.log');
  const logS = stringAt(value, 'log_s');
  if (logS !== undefined) return parseEmbedded(logS, 'log_s');
  if (value['AuditId'] !== undefined && value['Verb'] !== undefined) {
    return events([fromAksAuditRow(value)]);
  }
  if (stringAt(value, 'auditID') !== undefined && stringAt(value, 'stage') !== undefined) {
    return events([value]); // an Event without apiVersion/kind (some exporters strip them)
  }
  return problem('not an audit event (no audit.k8s.io Event, export record or AKSAudit row)');
}
