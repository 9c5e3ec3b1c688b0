/**
 * @module Hosts a workload's configuration names: env values and the ConfigMap keys it reads, parsed as URLs
 * (`scheme://host:port/...`), `host:port`, or a bare in-cluster Service name (`<svc>.<ns>[.svc[.cluster.local]]`).
 * Secrets are not read: their values never enter the analysis.
 */
import type { KubeObject, SourceLocation, Workload } from '../../model/index.js';
import { arrayAt, isObject, objectAt, stringAt, stringMapAt } from '../../model/index.js';

export interface HostReference {
  readonly workload: Workload;
  /** Lower-case host, without user info. */
  readonly host: string;
  readonly port: number | undefined;
  /** Whether the text was a URL or `host:port`, not a bare name. */
  readonly explicit: boolean;
  /** The URL scheme (`http`, `postgres`), when the text was a URL. */
  readonly scheme: string | undefined;
  /** `env CATALOG_URL of container web`, `ConfigMap shop/api-config key DB_HOST`. */
  readonly where: string;
  readonly at: SourceLocation;
}

const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const HOST = new RegExp(`^${LABEL}(\\.${LABEL})*$`);

/** One token of a value as a host, or nothing. A URL parses with `URL`; `host:port` and bare names by hand. */
interface ParsedHost {
  readonly host: string;
  readonly port: number | undefined;
  readonly explicit: boolean;
  readonly scheme: string | undefined;
}

function parseToken(token: string): ParsedHost | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(token)) {
    try {
      const url = new URL(token);
      const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
      if (host === '') return undefined;
      const scheme = url.protocol.replace(/:$/, '').toLowerCase();
      return { host, port: url.port === '' ? undefined : Number(url.port), explicit: true, scheme };
    } catch {
      return undefined;
    }
  }
  const match = /^([^:/@\s]+):(\d{1,5})$/.exec(token);
  if (match?.[1] && match[2])
    return { host: match[1].toLowerCase(), port: Number(match[2]), explicit: true, scheme: undefined };
  const bare = token.toLowerCase();
  return HOST.test(bare) ? { host: bare, port: undefined, explicit: false, scheme: undefined } : undefined;
}

export function parseHosts(value: string): ParsedHost[] {
  return value
    .split(/[\s,;]+/)
    .filter((t) => t !== '')
    .flatMap((t) => {
      const parsed = parseToken(t);
      return parsed ? [parsed] : [];
    });
}

function configMapIndex(objects: readonly KubeObject[]): Map<string, KubeObject> {
  const map = new Map<string, KubeObject>();
  for (const o of objects) if (o.kind === 'ConfigMap') map.set(`${o.namespace ?? 'default'}/${o.name}`, o);
  return map;
}

interface Sink {
  push(value: string, where: string, at: SourceLocation): void;
}

function readConfigMap(
  configMaps: Map<string, KubeObject>,
  namespace: string,
  name: string | undefined,
  key: string | undefined,
  sink: Sink,
): void {
  const object = name === undefined ? undefined : configMaps.get(`${namespace}/${name}`);
  if (!object) return;
  const data = stringMapAt(object.body, 'data');
  for (const [k, v] of Object.entries(data)) {
    if (key === undefined || k === key)
      sink.push(v, `ConfigMap ${namespace}/${object.name} key ${k}`, object.origin.at);
  }
}

function readContainerEnv(
  workload: Workload,
  container: Workload['containers'][number],
  configMaps: Map<string, KubeObject>,
  sink: Sink,
): void {
  const at = workload.object.origin.at;
  for (const env of arrayAt(container.body, 'env')) {
    const name = stringAt(env, 'name') ?? '?';
    const value = stringAt(env, 'value');
    if (value !== undefined) sink.push(value, `env ${name} of container ${container.name}`, at);
    const ref = objectAt(objectAt(env, 'valueFrom'), 'configMapKeyRef');
    if (ref) readConfigMap(configMaps, workload.namespace, stringAt(ref, 'name'), stringAt(ref, 'key'), sink);
  }
  for (const source of arrayAt(container.body, 'envFrom')) {
    const ref = objectAt(source, 'configMapRef');
    if (isObject(ref)) readConfigMap(configMaps, workload.namespace, stringAt(ref, 'name'), undefined, sink);
  }
}

/** Every host named in the configuration of the workloads' app and init containers. */
export function findHostReferences(
  objects: readonly KubeObject[],
  workloads: readonly Workload[],
): HostReference[] {
  const configMaps = configMapIndex(objects);
  const out: HostReference[] = [];
  for (const workload of workloads) {
    const sink: Sink = {
      push(value, where, at) {
        for (const parsed of parseHosts(value)) out.push({ workload, where, at, ...parsed });
      },
    };
    for (const container of workload.containers) {
      if (container.kind === 'ephemeral') continue;
      readContainerEnv(workload, container, configMaps, sink);
    }
  }
  return out;
}
