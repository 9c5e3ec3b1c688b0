/**
 * @module Which kind of subject a bare name was read as: `access argocd-server` asks about a user named
 * argocd-server, which is rarely what was meant when a ServiceAccount of that name exists. Said on stderr.
 */
import type { ClusterModel } from '../model/index.js';

const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';

/** The `system:serviceaccount:<ns>:<name>` user of `--service-account ns/name`, or undefined when malformed. */
export function serviceAccountUser(spec: string): string | undefined {
  const [namespace, name, ...rest] = spec.split('/');
  if (namespace === undefined || name === undefined || namespace === '' || name === '' || rest.length > 0)
    return undefined;
  return `${SERVICE_ACCOUNT_PREFIX}${namespace}:${name}`;
}

/**
 * A note for a username that is not a service account's: it was read as a user; when ServiceAccounts of
 * that name exist, how to name them instead. Undefined for a `system:serviceaccount:` name.
 */
export function subjectKindNote(model: ClusterModel, user: string): string | undefined {
  if (user.startsWith(SERVICE_ACCOUNT_PREFIX)) return undefined;
  const accounts = model.objects.filter((o) => o.kind === 'ServiceAccount' && o.name === user);
  const how =
    accounts.length === 0
      ? 'a service account is named system:serviceaccount:<ns>:<name> or --service-account <ns>/<name>'
      : `for the ServiceAccount use ${accounts
          .map((a) => `${SERVICE_ACCOUNT_PREFIX}${a.namespace ?? 'default'}:${a.name}`)
          .join(' or ')} (or --service-account ${accounts[0]?.namespace ?? 'default'}/${user})`;
  return `"${user}" is read as a user; ${how}`;
}
