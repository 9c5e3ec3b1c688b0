/**
 * @module Audit log text (JSON lines, or one JSON document) into deduplicated response events. A bad
 * line is a diagnostic with file and line, and the rest is read; nothing throws.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { AuditEvent } from './audit-event.js';
import { readAuditEvent } from './audit-event.js';
import { unwrapRecord } from './unwrap-record.js';
import { appendAll } from '../../model/append.js';

export interface AuditLogStats {
  /** Records read (lines, list items, export rows), events or not. */
  readonly records: number;
  /** Response events kept after deduplication. */
  readonly events: number;
  /** Events dropped because another event of the same auditID was kept. */
  readonly duplicates: number;
  /** Events of stages that carry no answer (RequestReceived, Panic, a short request's ResponseStarted), by stage. */
  readonly skippedStages: Readonly<Record<string, number>>;
  /** Export records of other diagnostic categories (kube-apiserver, guard…). */
  readonly otherCategories: number;
  /** Records that could not be read (each also a diagnostic, up to a cap per file). */
  readonly invalid: number;
}

export interface AuditLog {
  readonly files: readonly string[];
  readonly events: readonly AuditEvent[];
  readonly diagnostics: readonly Diagnostic[];
  readonly stats: AuditLogStats;
}

export interface AuditSource {
  readonly text: string;
  /** As shown in diagnostics. */
  readonly file: string;
}

/** Diagnostics per file beyond which bad records are only counted (a wrong file would flood the report). */
const MAX_DIAGNOSTICS_PER_FILE = 20;

/** Long-running requests: their ResponseComplete comes when the stream ends, maybe after the export window. */
const LONG_RUNNING_SUBRESOURCES = new Set(['exec', 'attach', 'portforward', 'proxy', 'log']);
const isLongRunning = (event: AuditEvent): boolean =>
  event.verb === 'watch' || LONG_RUNNING_SUBRESOURCES.has(event.objectRef?.subresource ?? '');

interface FileReading {
  readonly events: AuditEvent[];
  readonly diagnostics: Diagnostic[];
  readonly skipped: Map<string, number>;
  records: number;
  otherCategories: number;
  invalid: number;
}

function problem(reading: FileReading, file: string, line: number, message: string): void {
  reading.invalid += 1;
  if (reading.invalid <= MAX_DIAGNOSTICS_PER_FILE) {
    reading.diagnostics.push({ code: 'parse-error', level: 'warning', message, file, line });
  }
}

function addRecord(reading: FileReading, value: unknown, file: string, lineOf: (event: unknown) => number) {
  reading.records += 1;
  const unwrapped = unwrapRecord(value);
  reading.otherCategories += unwrapped.otherCategories;
  for (const reason of unwrapped.problems) problem(reading, file, lineOf(value), reason);
  for (const candidate of unwrapped.events) {
    const line = lineOf(candidate);
    const result = readAuditEvent(candidate, { file, line });
    if (result.ok) reading.events.push(result.event);
    else if (result.skipped === 'stage')
      reading.skipped.set(result.stage, (reading.skipped.get(result.stage) ?? 0) + 1);
    else problem(reading, file, line, result.reason);
  }
}

/**
 * How much searching for auditIDs a document may cost, in passes over its text. Events are read in the text's
 * order, so each ID is searched from where the previous one was found: one pass for the whole document
 * (searching each from the start was quadratic: 10,000 events took 20 s). A hostile document (IDs written
 * escaped, so never found as such, or events that jump back and forth) would cost a pass per event; past the
 * budget, events get the document's first line.
 */
const SEARCH_PASSES = 32;

/** The line where a document-mode event starts: found by its auditID, else the document's first line. */
function auditIdLine(text: string): (event: unknown) => number {
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  let cursor = 0;
  let budget = SEARCH_PASSES * text.length;
  /** The first occurrence of `id` at or after `from`, the characters scanned charged to the budget. */
  const search = (id: string, from: number): number => {
    const offset = text.indexOf(id, from);
    budget -= (offset < 0 ? text.length : offset) - from;
    return offset;
  };
  return (event) => {
    const id =
      typeof event === 'object' && event !== null ? (event as Record<string, unknown>)['auditID'] : undefined;
    if (typeof id !== 'string' || id === '' || budget <= 0) return 1;
    let offset = search(id, cursor);
    if (offset < 0 && cursor > 0 && budget > 0) offset = search(id, 0);
    if (offset < 0) return 1;
    cursor = offset + id.length;
    return lineAt(offset);
  };
}

function readFileText(source: AuditSource): FileReading {
  const reading: FileReading = {
    events: [],
    diagnostics: [],
    skipped: new Map(),
    records: 0,
    otherCategories: 0,
    invalid: 0,
  };
  const { text, file } = source;
  const trimmed = text.trim();
  if (trimmed === '') return reading;
  // One JSON document (EventList, an exported array, an Event Hub message) when the whole text parses.
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    try {
      const document = JSON.parse(trimmed) as unknown;
      const lineOf = auditIdLine(text);
      const items = Array.isArray(document) ? (document as unknown[]) : [document];
      for (const item of items) addRecord(reading, item, file, lineOf);
      return reading;
    } catch {
      // not one document: JSON lines
    }
  }
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line) as unknown;
    } catch {
      reading.records += 1;
      problem(
        reading,
        file,
        index + 1,
        'not valid JSON (a truncated or corrupted line); the line is skipped',
      );
      return;
    }
    addRecord(reading, value, file, () => index + 1);
  });
  if (reading.invalid > MAX_DIAGNOSTICS_PER_FILE) {
    const message = `${reading.invalid - MAX_DIAGNOSTICS_PER_FILE} more unreadable records not listed`;
    reading.diagnostics.push({ code: 'parse-error', level: 'warning', message, file });
  }
  return reading;
}

const rank = (event: AuditEvent): number => (event.stage === 'ResponseComplete' ? 2 : 1);

/**
 * One event per auditID: ResponseComplete when there is one, else ResponseStarted for a long-running
 * request (a watch still open when the export ended). A short request's lone ResponseStarted is a
 * skipped stage. Events without an auditID cannot be matched and are all kept.
 */
function dedupe(
  events: readonly AuditEvent[],
  skipped: Map<string, number>,
): { kept: AuditEvent[]; duplicates: number } {
  const byId = new Map<string, AuditEvent>();
  const kept: (AuditEvent | string)[] = [];
  let duplicates = 0;
  for (const event of events) {
    if (event.auditID === '') {
      kept.push(event);
      continue;
    }
    const seen = byId.get(event.auditID);
    if (seen === undefined) {
      byId.set(event.auditID, event);
      kept.push(event.auditID);
      continue;
    }
    duplicates += 1;
    if (rank(event) > rank(seen)) byId.set(event.auditID, event);
  }
  const out: AuditEvent[] = [];
  for (const item of kept) {
    const event = typeof item === 'string' ? byId.get(item) : item;
    if (event === undefined) continue;
    if (event.stage === 'ResponseStarted' && !isLongRunning(event)) {
      skipped.set('ResponseStarted', (skipped.get('ResponseStarted') ?? 0) + 1);
      continue;
    }
    out.push(event);
  }
  return { kept: out, duplicates };
}

export function parseAuditLog(sources: readonly AuditSource[]): AuditLog {
  const all: AuditEvent[] = [];
  const diagnostics: Diagnostic[] = [];
  const skipped = new Map<string, number>();
  let records = 0;
  let otherCategories = 0;
  let invalid = 0;
  for (const source of sources) {
    const reading = readFileText(source);
    appendAll(all, reading.events);
    appendAll(diagnostics, reading.diagnostics);
    for (const [stage, n] of reading.skipped) skipped.set(stage, (skipped.get(stage) ?? 0) + n);
    records += reading.records;
    otherCategories += reading.otherCategories;
    invalid += reading.invalid;
  }
  const { kept, duplicates } = dedupe(all, skipped);
  return {
    files: sources.map((s) => s.file),
    events: kept,
    diagnostics,
    stats: {
      records,
      events: kept.length,
      duplicates,
      skippedStages: Object.fromEntries([...skipped].sort(([a], [b]) => a.localeCompare(b))),
      otherCategories,
      invalid,
    },
  };
}
