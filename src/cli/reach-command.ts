/** @module `aksward reach`: the allowed connections between workloads and with the outside, or why one pair is (not) connected. */
import type { ClusterModel } from '../model/index.js';
import { formatPath, parseIp } from '../model/index.js';
import { computeReachability } from '../analysis/netpol/index.js';
import type { Reachability, ReachabilityOptions } from '../analysis/netpol/index.js';
import { forEachConnectionEntry, selectConnections } from '../analysis/netpol/connection-list.js';
import type { ConnectionEntry, ConnectionFocus } from '../analysis/netpol/connection-list.js';
import { explainPair } from '../analysis/netpol/explain.js';
import type { PairSide } from '../analysis/netpol/explain.js';
import { groupConnections } from '../analysis/netpol/group-connections.js';
import { isProtocol } from '../analysis/netpol/port-set.js';
import type { Protocol } from '../analysis/netpol/port-set.js';
import { renderDot } from '../analysis/netpol/render-dot.js';
import { explanationToJson, renderExplanation } from '../analysis/netpol/render-explain.js';
import { renderMarkdown } from '../analysis/netpol/render-markdown.js';
import { renderTable } from '../analysis/netpol/render-table.js';

/** The shape of the CLI's streams (structural, so the lead's `Streams` fits). */
export interface ReachStreams {
  out(s: string): void;
  err(s: string): void;
  readonly stdoutIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface ReachFlags {
  /** `namespace/name`, or an IP address for traffic from outside the cluster. */
  readonly from?: string;
  readonly to?: string;
  /** `443`, `TCP/443`, `53/UDP`. */
  readonly port?: string;
  /** Explain the pair `--from` → `--to`: the policies behind each direction. */
  readonly explain?: boolean;
  /** `table` (default), `json`, `dot` or `markdown`. */
  readonly format?: string;
  /** `netpol-analyzer`. */
  readonly compat?: string;
  /** ipBlocks match pod IPs stated in the input (Calico, upstream e2e); default off, as AKS Cilium. */
  readonly ipblockMatchesPods?: boolean;
  /** `node` (default) or `pod`. */
  readonly hostNetwork?: string;
}

const USAGE_ERROR = 2;
const FORMATS = ['table', 'json', 'dot', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

class UsageError extends Error {}

function parseFormat(format: string | undefined): Format {
  const value = format ?? 'table';
  if (!(FORMATS as readonly string[]).includes(value)) {
    throw new UsageError(`unknown format "${value}" (expected ${FORMATS.join(', ')})`);
  }
  return value as Format;
}

/** `443`, `TCP/443`, `tcp:443`, `53/UDP`: protocol defaults to TCP, as in a NetworkPolicy. */
export function parsePortFlag(text: string): { protocol: Protocol; port: number } {
  const parts = text.trim().toUpperCase().split(/[/:]/);
  const number = parts.find((p) => /^\d+$/.test(p));
  const protocol = parts.find((p) => !/^\d+$/.test(p)) ?? 'TCP';
  const port = Number(number);
  if (parts.length > 2 || number === undefined || port < 1 || port > 65535 || !isProtocol(protocol)) {
    throw new UsageError(`--port "${text}" is not PORT or PROTOCOL/PORT (TCP, UDP or SCTP; 1-65535)`);
  }
  return { protocol, port };
}

function parseOptions(flags: ReachFlags): ReachabilityOptions {
  if (flags.compat !== undefined && flags.compat !== 'netpol-analyzer') {
    throw new UsageError(`unknown --compat "${flags.compat}" (expected netpol-analyzer)`);
  }
  const hostNetwork = flags.hostNetwork;
  if (hostNetwork !== undefined && hostNetwork !== 'node' && hostNetwork !== 'pod') {
    throw new UsageError(`unknown --host-network "${hostNetwork}" (expected node or pod)`);
  }
  return {
    ...(flags.compat === undefined ? {} : { compat: flags.compat }),
    ...(flags.ipblockMatchesPods === undefined ? {} : { ipBlockMatchesPods: flags.ipblockMatchesPods }),
    ...(hostNetwork === undefined ? {} : { hostNetwork }),
  };
}

/** A `--from`/`--to` value: a workload of the input, or an IP address. */
function resolveSide(result: Reachability, flag: string, text: string): PairSide {
  const ip = parseIp(text);
  if (ip) return { kind: 'ip', range: { family: ip.family, lo: ip.value, hi: ip.value } };
  const peer = result.peers.find((p) => p.id === text);
  if (peer) return { kind: 'workload', peer };
  const similar = result.peers.filter((p) => p.name === text || p.id.endsWith(`/${text}`)).map((p) => p.id);
  const hint = similar.length > 0 ? ` (did you mean ${similar.slice(0, 3).join(', ')}?)` : '';
  throw new UsageError(
    `${flag} "${text}" is neither a workload (namespace/name) of the input nor an IP address${hint}`,
  );
}

function warn(result: Reachability, streams: ReachStreams): void {
  const { enforcement } = result;
  if (enforcement.state === 'not-enforced') {
    streams.err(
      `aksward: NetworkPolicies are not enforced (${enforcement.reason}): every connection is allowed\n`,
    );
  }
  if (enforcement.state === 'unknown') {
    streams.err(
      `aksward: enforcement is unknown (${enforcement.reason}): policies are analysed as if enforced\n`,
    );
  }
  for (const p of result.problems) {
    const where = p.path.length > 0 ? ` ${formatPath(p.path)}` : '';
    streams.err(
      `aksward: ${p.level}: NetworkPolicy ${p.policy.namespace ?? 'default'}/${p.policy.name}${where}: ${p.message}\n`,
    );
  }
}

function explain(result: Reachability, flags: ReachFlags, format: Format, streams: ReachStreams): void {
  if (flags.from === undefined || flags.to === undefined)
    throw new UsageError('--explain needs --from and --to');
  if (format === 'dot' || format === 'markdown')
    throw new UsageError(`--explain prints table or json, not ${format}`);
  const explanation = explainPair(
    result,
    resolveSide(result, '--from', flags.from),
    resolveSide(result, '--to', flags.to),
  );
  streams.out(
    format === 'json'
      ? `${JSON.stringify(explanationToJson(explanation), null, 2)}\n`
      : renderExplanation(explanation),
  );
}

/** One entry as `JSON.stringify(list, null, 2)` prints it inside the list (built by hand: millions of them). */
function entryJson(entry: ConnectionEntry): string {
  const conn =
    typeof entry.conn === 'string'
      ? JSON.stringify(entry.conn)
      : entry.conn.length === 0
        ? '[]'
        : `[\n${entry.conn.map((c) => `      ${JSON.stringify(c)}`).join(',\n')}\n    ]`;
  return `  {\n    "src": ${JSON.stringify(entry.src)},\n    "dst": ${JSON.stringify(entry.dst)},\n    "conn": ${conn}\n  }`;
}

/** The JSON list, written a chunk of entries at a time (same bytes as stringifying the whole list). */
function writeJsonList(result: Reachability, focus: ConnectionFocus, streams: ReachStreams): void {
  let written = 0;
  let chunk = '';
  forEachConnectionEntry(result, focus, (entry) => {
    chunk += `${written === 0 ? '[\n' : ',\n'}${entryJson(entry)}`;
    written++;
    if (chunk.length > 1 << 20) {
      streams.out(chunk);
      chunk = '';
    }
  });
  streams.out(`${chunk}${written === 0 ? '[]\n' : '\n]\n'}`);
}

function list(result: Reachability, flags: ReachFlags, format: Format, streams: ReachStreams): void {
  if (flags.from !== undefined) resolveSide(result, '--from', flags.from);
  if (flags.to !== undefined) resolveSide(result, '--to', flags.to);
  const focus: ConnectionFocus = {
    ...(flags.from === undefined ? {} : { from: flags.from }),
    ...(flags.to === undefined ? {} : { to: flags.to }),
    ...(flags.port === undefined ? {} : { port: parsePortFlag(flags.port) }),
  };
  switch (format) {
    case 'json':
      writeJsonList(result, focus, streams);
      return;
    case 'dot':
      streams.out(renderDot(selectConnections(result, focus), result.peers));
      return;
    case 'markdown':
      streams.out(renderMarkdown(groupConnections(selectConnections(result, focus)), result.enforcement));
      return;
    case 'table':
      streams.out(renderTable(groupConnections(selectConnections(result, focus)), result.enforcement));
      return;
  }
}

/** Prints the answer; returns the exit code (0, or 2 for a usage error). */
export function reachCommand(model: ClusterModel, flags: ReachFlags, streams: ReachStreams): number {
  try {
    const format = parseFormat(flags.format);
    const result = computeReachability(model, parseOptions(flags));
    if (flags.port !== undefined) parsePortFlag(flags.port);
    warn(result, streams);
    if (flags.explain === true) explain(result, flags, format, streams);
    else list(result, flags, format, streams);
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    streams.err(`aksward: ${error.message}\n`);
    return USAGE_ERROR;
  }
}
