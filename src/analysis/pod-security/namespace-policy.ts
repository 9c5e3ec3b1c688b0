/** @module The Pod Security Admission policy a namespace enforces, read from its labels exactly as the admission plugin reads them. */
import type { Namespace } from '../../model/index.js';
import { LATEST_POLICY_MINOR } from './evaluate.js';

export const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
export const ENFORCE_VERSION_LABEL = 'pod-security.kubernetes.io/enforce-version';

export type AdmissionLevel = 'privileged' | 'baseline' | 'restricted';

export interface EnforcePolicy {
  readonly namespace: string;
  readonly level: AdmissionLevel;
  /** The policy version evaluated: v1.<minor>. */
  readonly minor: number;
  /** `latest`, or the pinned `v1.N` as written. */
  readonly version: string;
  /** Labels PSA could not parse, and what it uses instead. */
  readonly notes: readonly string[];
}

const VERSION = /^v1\.(0|[1-9][0-9]*)$/;

function parseLevel(value: string, notes: string[]): AdmissionLevel {
  if (value === 'privileged' || value === 'baseline' || value === 'restricted') return value;
  // PSA fails closed on an unparseable enforce level: it evaluates restricted.
  notes.push(`${ENFORCE_LABEL}="${value}" is not a level; admission evaluates restricted`);
  return 'restricted';
}

function parseVersion(value: string | undefined, notes: string[]): number | 'latest' {
  if (value === undefined || value === 'latest') return 'latest';
  const match = VERSION.exec(value);
  if (match?.[1] !== undefined) return Number(match[1]);
  notes.push(`${ENFORCE_VERSION_LABEL}="${value}" is not "latest" or "v1.x"; admission evaluates latest`);
  return 'latest';
}

/**
 * The enforce policy of a namespace, or undefined when the inputs cannot tell: the namespace object is
 * missing (its labels are unknown) or it has no enforce label (then the cluster's admission
 * configuration decides, which manifests do not show; AKS leaves it at privileged). `warn` and `audit`
 * labels never block. `serverMinor` is the API server's minor version when known: PSA never evaluates a
 * policy newer than its own checks, so `latest` (or a newer pin) means the server's version.
 */
export function enforcePolicyOf(namespace: Namespace, serverMinor?: number): EnforcePolicy | undefined {
  if (namespace.object === undefined) return undefined;
  const levelLabel = namespace.labels[ENFORCE_LABEL];
  if (levelLabel === undefined) return undefined;
  const notes: string[] = [];
  const level = parseLevel(levelLabel, notes);
  const pinned = parseVersion(namespace.labels[ENFORCE_VERSION_LABEL], notes);
  const ceiling = Math.min(serverMinor ?? LATEST_POLICY_MINOR, LATEST_POLICY_MINOR);
  return {
    namespace: namespace.name,
    level,
    minor: pinned === 'latest' ? ceiling : Math.min(pinned, ceiling),
    version: pinned === 'latest' ? 'latest' : `v1.${pinned}`,
    notes,
  };
}
