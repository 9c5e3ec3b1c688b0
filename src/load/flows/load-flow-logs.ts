/**
 * @module Flow logs (JSON lines) into the connections they show between the model's workloads, external
 * addresses and cluster DNS. Never throws: what it cannot use is a diagnostic with file and line.
 */
import { readInputFile } from '../inputs/read-input-file.js';
import type { LoadLimits } from '../limits.js';
import { DEFAULT_LIMITS } from '../limits.js';
import path from 'node:path';
import type {
  ClusterModel,
  ObservedConnection,
  ObservedEndpoint,
  ObservedTraffic,
  SourceLocation,
  Workload,
} from '../../model/index.js';
import { extractWorkloads, workloadKeyOf } from '../../model/index.js';
import { decodeFlowRecord } from './flow-record.js';
import type { FlowRecord } from './flow-record.js';
import { WorkloadIndex } from './resolve-endpoint.js';
import type { ResolvedEndpoint } from './resolve-endpoint.js';

export type FlowDiagnosticCode =
  /** The file could not be read. */
  | 'read-error'
  /** A line is not JSON (truncated, corrupted). */
  | 'parse-error'
  /** A JSON line that is not a flow record. */
  | 'not-a-flow'
  /** Flows between pods no workload of the input accounts for (another cluster, or missing manifests). */
  | 'unmatched-endpoint';

export interface FlowDiagnostic {
  readonly code: FlowDiagnosticCode;
  readonly level: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly file: string;
  readonly line?: number;
}

export interface FlowLogText {
  /** As shown in diagnostics and evidence. */
  readonly file: string;
  readonly text: string;
}

export interface FlowLoadResult {
  readonly traffic: ObservedTraffic;
  readonly diagnostics: readonly FlowDiagnostic[];
}

/** Records `hubble observe -o json` interleaves with flows; they carry no connection. */
const NON_FLOW_EVENTS = ['lost_events', 'node_status', 'agent_event', 'debug_event'];
const FORWARDED = new Set(['FORWARDED', 'AUDIT', 'REDIRECTED', 'TRANSLATED']);
const DROPPED = new Set(['DROPPED', 'ERROR']);
const EVIDENCE_KEPT = 3;
const NAMES_SHOWN = 5;

interface Accumulated {
  from: ObservedEndpoint;
  to: ObservedEndpoint;
  protocol: ObservedConnection['protocol'];
  port: number;
  flows: number;
  evidence: SourceLocation[];
  names: Set<string>;
}

class FlowCollector {
  readonly connections = new Map<string, Accumulated>();
  readonly dropped = new Map<string, Accumulated>();
  readonly dnsQueries = new Map<string, Set<string>>();
  readonly diagnostics: FlowDiagnostic[] = [];
  counts = { records: 0, replies: 0, ignored: 0, unmatched: 0 };
  readonly #index: WorkloadIndex;

  constructor(workloads: readonly Workload[]) {
    this.#index = new WorkloadIndex(workloads);
  }

  readText(input: FlowLogText): void {
    const unmatched: string[] = [];
    let firstUnmatchedLine: number | undefined;
    const lines = input.text.split(/\r?\n/);
    lines.forEach((raw, index) => {
      const text = raw.trim();
      if (text === '') return;
      const at = { file: input.file, line: index + 1 };
      const names = this.#readLine(text, at);
      if (names.length === 0) return;
      firstUnmatchedLine ??= at.line;
      for (const name of names) if (!unmatched.includes(name)) unmatched.push(name);
    });
    if (firstUnmatchedLine === undefined) return;
    const shown = unmatched.slice(0, NAMES_SHOWN).join(', ');
    const more = unmatched.length > NAMES_SHOWN ? ` and ${unmatched.length - NAMES_SHOWN} more` : '';
    this.diagnostics.push({
      code: 'unmatched-endpoint',
      level: 'warning',
      message:
        `${unmatched.length} pod(s) in this flow log match no workload of the inputs (another cluster's flows, ` +
        `or manifests missing from the inputs): ${shown}${more}; their flows were ignored.`,
      file: input.file,
      line: firstUnmatchedLine,
    });
  }

  /** Reads one line; returns the names of endpoints no workload accounts for. */
  #readLine(text: string, at: SourceLocation): string[] {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      // The parser's message quotes the line: never echo flow content into diagnostics.
      this.diagnostics.push({
        code: 'parse-error',
        level: 'warning',
        message: 'not a JSON value (a truncated or corrupted line); skipped',
        ...at,
      });
      return [];
    }
    const record = decodeFlowRecord(value);
    if ('problem' in record) {
      const event = typeof value === 'object' && value !== null && NON_FLOW_EVENTS.some((k) => k in value);
      if (event) this.counts.ignored += 1;
      else
        this.diagnostics.push({
          code: 'not-a-flow',
          level: 'warning',
          message: `${record.problem}; skipped`,
          ...at,
        });
      return [];
    }
    this.counts.records += 1;
    return this.#add(record, at);
  }

  #add(record: FlowRecord, at: SourceLocation): string[] {
    const forwarded = FORWARDED.has(record.verdict);
    if (!forwarded && !DROPPED.has(record.verdict)) return this.#ignore();
    // A reply belongs to the connection its request opened: it is not a new connection.
    if (record.isReply) {
      this.counts.replies += 1;
      return [];
    }
    const source = this.#index.resolve(record.source);
    const destination = this.#index.resolve(record.destination);
    const unmatched = [source, destination].flatMap((e) => (e.kind === 'unmatched' ? [e.name] : []));
    if (unmatched.length > 0) {
      this.counts.unmatched += 1;
      return unmatched;
    }
    if (record.dnsQuery !== undefined && source.kind === 'workload') {
      const key = workloadKeyOf(source.workload);
      this.dnsQueries.set(key, (this.dnsQueries.get(key) ?? new Set()).add(record.dnsQuery));
    }
    // L7 records repeat a connection the L3/L4 records already show.
    if (record.type === 'L7' || record.protocol === undefined || record.destinationPort === undefined)
      return this.#ignore();
    const from = this.#endpoint(source, record.sourceIp, []);
    const to = this.#endpoint(destination, record.destinationIp, record.destinationNames);
    if (from === undefined || to === undefined || from.kind === 'cluster-dns') return this.#ignore();
    if (from.kind === 'external' && to.kind === 'external') return this.#ignore();
    const target = forwarded ? this.connections : this.dropped;
    const key = JSON.stringify([from, to, record.protocol, record.destinationPort]);
    const entry = target.get(key) ?? {
      from,
      to,
      protocol: record.protocol,
      port: record.destinationPort,
      flows: 0,
      evidence: [],
      names: new Set<string>(),
    };
    entry.flows += 1;
    if (entry.evidence.length < EVIDENCE_KEPT) entry.evidence.push(at);
    for (const name of record.destinationNames) entry.names.add(name.replace(/\.$/, ''));
    target.set(key, entry);
    return [];
  }

  #ignore(): string[] {
    this.counts.ignored += 1;
    return [];
  }

  #endpoint(
    resolved: ResolvedEndpoint,
    ip: string | undefined,
    names: readonly string[],
  ): ObservedEndpoint | undefined {
    switch (resolved.kind) {
      case 'workload': {
        const { kind, namespace, name } = resolved.workload;
        return { kind: 'workload', workload: { kind, namespace, name } };
      }
      case 'cluster-dns':
        return { kind: 'cluster-dns' };
      case 'external':
        return ip === undefined
          ? undefined
          : { kind: 'external', ip, names: names.map((n) => n.replace(/\.$/, '')) };
      case 'node':
      case 'unmatched':
        return undefined;
    }
  }

  result(): ObservedTraffic {
    const finish = (map: Map<string, Accumulated>): ObservedConnection[] =>
      [...map.values()].map(({ names, ...rest }) =>
        names.size === 0 ? rest : { ...rest, names: [...names].sort() },
      );
    return {
      connections: finish(this.connections),
      dropped: finish(this.dropped),
      dnsQueries: new Map([...this.dnsQueries].map(([k, v]) => [k, [...v].sort()])),
      counts: { ...this.counts },
    };
  }
}

function workloadsOf(model: ClusterModel | readonly Workload[]): readonly Workload[] {
  return 'objects' in model ? extractWorkloads(model.objects) : model;
}

/** Reads flow-log texts against the model's workloads. */
export function loadFlowLogText(
  inputs: readonly FlowLogText[],
  model: ClusterModel | readonly Workload[],
): FlowLoadResult {
  const collector = new FlowCollector(workloadsOf(model));
  for (const input of inputs) collector.readText(input);
  return { traffic: collector.result(), diagnostics: collector.diagnostics };
}

/** Flow exports are large: an hour of a busy cluster is hundreds of MiB. */
const FLOW_LOG_LIMITS: LoadLimits = { ...DEFAULT_LIMITS, maxFileBytes: 1024 * 1024 * 1024 };

/** Reads flow-log files (paths relative to `cwd`, shown as given); an unreadable file is a diagnostic. */
export async function loadFlowLogs(
  paths: readonly string[],
  options: { readonly cwd: string; readonly model: ClusterModel | readonly Workload[] },
): Promise<FlowLoadResult> {
  const texts: FlowLogText[] = [];
  const diagnostics: FlowDiagnostic[] = [];
  for (const file of paths) {
    // The same reader as every input: regular files only, bounded as they stream (flow logs are large).
    const read = await readInputFile(path.resolve(options.cwd, file), file, FLOW_LOG_LIMITS);
    if ('diagnostic' in read) diagnostics.push({ ...read.diagnostic, code: 'read-error', level: 'error' });
    else texts.push({ file, text: read.text });
  }
  const loaded = loadFlowLogText(texts, options.model);
  return { traffic: loaded.traffic, diagnostics: [...diagnostics, ...loaded.diagnostics] };
}
