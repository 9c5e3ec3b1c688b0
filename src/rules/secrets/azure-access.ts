/** @module How a workload reaches Azure: stored credentials it holds, and whether the cluster offers workload identity. */
import type { AksCluster, KubeObject, PathSegment, Workload } from '../../model/index.js';
import { describeSetting } from '../../model/index.js';
import { azureCredential, azureCredentialsInSecret, envUses, secretVolumes } from './secret-sources.js';

export interface HeldCredential {
  readonly path: readonly PathSegment[];
  /** "a service principal secret in env var AZURE_CLIENT_SECRET": names and kinds, never values. */
  readonly what: string;
}

function fromSecret(
  secrets: ReadonlyMap<string, KubeObject>,
  namespace: string,
  secretName: string,
  onlyKey?: string,
): string[] {
  const secret = secrets.get(`${namespace}/${secretName}`);
  return secret === undefined ? [] : azureCredentialsInSecret(secret, onlyKey);
}

/**
 * The Azure credentials a workload's containers get: by env name or literal value, through a
 * `secretKeyRef` to an Azure-looking key, or from a Secret in the inputs (envFrom, volume) that holds one.
 */
export function heldAzureCredentials(
  workload: Workload,
  secrets: ReadonlyMap<string, KubeObject>,
): HeldCredential[] {
  const held: HeldCredential[] = [];
  const ns = workload.namespace;
  for (const container of workload.containers) {
    for (const use of envUses(container)) {
      const inContainer = `container ${container.name}`;
      if (use.kind === 'envFrom') {
        for (const what of fromSecret(secrets, ns, use.secretName))
          held.push({
            path: use.path,
            what: `${what} of Secret ${use.secretName}, imported by ${inContainer}`,
          });
        continue;
      }
      const what =
        use.kind === 'value'
          ? azureCredential(use.name, use.value)
          : (azureCredential(use.name) ??
            azureCredential(use.secretKey) ??
            fromSecret(secrets, ns, use.secretName, use.secretKey)[0]);
      if (what !== undefined)
        held.push({ path: use.path, what: `${what} in env var ${use.name} of ${inContainer}` });
    }
  }
  for (const volume of secretVolumes(workload)) {
    for (const what of fromSecret(secrets, ns, volume.secretName))
      held.push({ path: volume.path, what: `${what} of Secret ${volume.secretName}, mounted as a volume` });
  }
  return held;
}

export type IdentityOffer =
  | { readonly state: 'on' | 'off'; readonly detail: string }
  | { readonly state: 'unknown'; readonly detail: string };

/**
 * Whether the cluster(s) in the inputs offer workload identity: both the OIDC issuer (which publishes
 * the token-signing keys Entra ID trusts) and the workload identity webhook (which projects the token)
 * must be on. With several definitions, one that is off decides; then one that is unknown.
 */
export function workloadIdentityOffer(clusters: readonly AksCluster[]): IdentityOffer {
  if (clusters.length === 0) {
    return {
      state: 'unknown',
      detail:
        'no cluster definition is in the inputs, so whether the cluster has the OIDC issuer and workload identity on is unknown',
    };
  }
  let unknown: string | undefined;
  for (const cluster of clusters) {
    const parts = [
      ['the OIDC issuer', cluster.security.oidcIssuer],
      ['workload identity', cluster.security.workloadIdentity],
    ] as const;
    const off: string[] = [];
    for (const [label, setting] of parts) {
      if (setting.state === 'unknown') unknown ??= `${cluster.display}: ${label}: ${setting.reason}`;
      else if (!setting.value) off.push(`${label} ${describeSetting(setting, () => 'off')}`);
    }
    if (off.length > 0) return { state: 'off', detail: `${cluster.display} has ${off.join(' and ')}` };
  }
  if (unknown !== undefined) return { state: 'unknown', detail: unknown };
  const names = clusters.map((c) => c.display).join(', ');
  return { state: 'on', detail: `${names} has the OIDC issuer and workload identity on` };
}
