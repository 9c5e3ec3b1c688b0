/**
 * @module One flow-log record, decoded from the shapes AKS and Cilium write: Hubble's `observe -o json`
 * (`{"flow": {...}, "node_name", "time"}`, or a bare flow, which is also what ACNS stores on the node), and
 * the Log Analytics row of ACNS container network logs (`SourcePodName`, `Layer4`, `Verdict`...).
 */
import { isObject } from '../../model/index.js';
import type { ObservedProtocol } from '../../model/index.js';

/** What a flow says about one of its ends. */
export interface FlowEndpointInfo {
  readonly namespace: string | undefined;
  readonly podName: string | undefined;
  /** Kubernetes pod labels (`k8s:app=web` becomes `app: web`); Cilium's own `io.*` keys dropped. */
  readonly labels: Readonly<Record<string, string>> | undefined;
  /** `flow.source.workloads[]`: the owners Hubble resolved (`Deployment/web`). */
  readonly workloads: readonly { readonly kind: string; readonly name: string }[];
  /** Cilium reserved identities: `world`, `host`, `remote-node`, `kube-apiserver`, `health`... */
  readonly reserved: readonly string[];
  /** `cluster_name`, or the `io.cilium.k8s.policy.cluster` label. */
  readonly cluster: string | undefined;
}

export interface FlowRecord {
  readonly verdict: string;
  readonly isReply: boolean;
  /** `L3_L4`, `L7`, `SOCK`... (absent in Log Analytics rows). */
  readonly type: string | undefined;
  readonly protocol: ObservedProtocol | undefined;
  readonly destinationPort: number | undefined;
  readonly sourceIp: string | undefined;
  readonly destinationIp: string | undefined;
  readonly source: FlowEndpointInfo;
  readonly destination: FlowEndpointInfo;
  readonly destinationNames: readonly string[];
  /** The name asked, on a DNS request seen by the DNS proxy (`flow.l7.dns.query`), without the final dot. */
  readonly dnsQuery: string | undefined;
}

type Json = Readonly<Record<string, unknown>>;

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value)
    ? value
    : typeof value === 'string' && /^\d+$/.test(value)
      ? Number(value)
      : undefined;

const obj = (value: unknown): Json | undefined => {
  if (isObject(value)) return value;
  // Log Analytics exports dynamic columns as JSON text.
  if (typeof value !== 'string' || !value.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
};

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

const CILIUM_CLUSTER_LABEL = 'io.cilium.k8s.policy.cluster';

/** `k8s:app=web` → `app: web`; `reserved:world` → a reserved identity. Cilium's `io.*` bookkeeping keys dropped. */
function readLabels(list: readonly string[]): {
  labels: Record<string, string>;
  reserved: string[];
  cluster?: string;
} {
  const labels: Record<string, string> = {};
  const reserved: string[] = [];
  let cluster: string | undefined;
  for (const entry of list) {
    const colon = entry.indexOf(':');
    const source = colon === -1 ? 'k8s' : entry.slice(0, colon);
    const body = colon === -1 ? entry : entry.slice(colon + 1);
    if (source === 'reserved') {
      reserved.push(body.split('=')[0] ?? body);
      continue;
    }
    if (source !== 'k8s') continue;
    const eq = body.indexOf('=');
    const key = eq === -1 ? body : body.slice(0, eq);
    const value = eq === -1 ? '' : body.slice(eq + 1);
    if (key === CILIUM_CLUSTER_LABEL) cluster = value;
    if (key.startsWith('io.kubernetes.') || key.startsWith('io.cilium.')) continue;
    labels[key] = value;
  }
  return cluster === undefined ? { labels, reserved } : { labels, reserved, cluster };
}

function hubbleEndpoint(value: unknown): FlowEndpointInfo {
  const endpoint = obj(value) ?? {};
  const hasLabels = Array.isArray(endpoint['labels']);
  const { labels, reserved, cluster } = readLabels(strings(endpoint['labels']));
  const workloads = (Array.isArray(endpoint['workloads']) ? endpoint['workloads'] : []).flatMap((w) => {
    const kind = str(obj(w)?.['kind']);
    const name = str(obj(w)?.['name']);
    return kind && name ? [{ kind, name }] : [];
  });
  return {
    namespace: str(endpoint['namespace']),
    podName: str(endpoint['pod_name']),
    labels: hasLabels ? labels : undefined,
    workloads,
    reserved,
    cluster: str(endpoint['cluster_name']) ?? cluster,
  };
}

function layer4(value: unknown): { protocol?: ObservedProtocol; port?: number } {
  const l4 = obj(value);
  if (!l4) return {};
  for (const protocol of ['TCP', 'UDP', 'SCTP'] as const) {
    const body = obj(l4[protocol]);
    if (body) {
      const port = num(body['destination_port']);
      return port === undefined ? { protocol } : { protocol, port };
    }
  }
  return {};
}

function dnsQueryOf(l7: Json | undefined): string | undefined {
  const dns = obj(l7?.['dns']);
  const query = str(dns?.['query']);
  // Requests only: a response repeats the query, and a DNS answer travels the other way.
  if (query === undefined || str(l7?.['type']) === 'RESPONSE') return undefined;
  return query.endsWith('.') ? query.slice(0, -1) : query;
}

function fromHubble(flow: Json): FlowRecord {
  const ip = obj(flow['IP']);
  const l4 = layer4(flow['l4']);
  const l7 = obj(flow['l7']);
  return {
    verdict: str(flow['verdict']) ?? 'VERDICT_UNKNOWN',
    // `reply` is the field older Hubble versions wrote before `is_reply`.
    isReply: flow['is_reply'] === true || flow['reply'] === true,
    type: str(flow['Type']),
    protocol: l4.protocol,
    destinationPort: l4.port,
    sourceIp: str(ip?.['source']),
    destinationIp: str(ip?.['destination']),
    source: hubbleEndpoint(flow['source']),
    destination: hubbleEndpoint(flow['destination']),
    destinationNames: strings(flow['destination_names']),
    dnsQuery: dnsQueryOf(l7),
  };
}

/** The Log Analytics row: no labels or owners, only namespaces and pod names. */
function laEndpoint(row: Json, side: 'Source' | 'Destination'): FlowEndpointInfo {
  return {
    namespace: str(row[`${side}Namespace`]),
    podName: str(row[`${side}PodName`]),
    labels: undefined,
    workloads: [],
    reserved: [],
    cluster: undefined,
  };
}

function fromLogAnalytics(row: Json): FlowRecord {
  const ip = obj(row['IP']);
  const l4 = layer4(row['Layer4']);
  return {
    verdict: str(row['Verdict']) ?? 'VERDICT_UNKNOWN',
    isReply: row['Reply'] === true || row['Reply'] === 'true',
    type: undefined,
    protocol: l4.protocol,
    destinationPort: l4.port,
    sourceIp: str(ip?.['source']) ?? str(row['SourceIp']),
    destinationIp: str(ip?.['destination']) ?? str(row['DestinationIp']),
    source: laEndpoint(row, 'Source'),
    destination: laEndpoint(row, 'Destination'),
    destinationNames: [],
    dnsQuery: dnsQueryOf(obj(row['Layer7'])),
  };
}

/** A record, or why the JSON value is not one. */
export function decodeFlowRecord(value: unknown): FlowRecord | { readonly problem: string } {
  if (!isObject(value)) return { problem: 'not a JSON object' };
  const wrapped = obj(value['flow']);
  if (wrapped) return fromHubble(wrapped);
  if ('verdict' in value || 'l4' in value || 'source' in value) return fromHubble(value);
  if ('Verdict' in value || 'Layer4' in value || 'SourcePodName' in value) return fromLogAnalytics(value);
  return { problem: 'neither a Hubble flow (`flow`, `verdict`, `l4`) nor a container network log row' };
}
