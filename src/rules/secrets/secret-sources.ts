/** @module Where credentials sit in manifests: Secret entries (decoded in memory only), env vars, Secret volumes. */
import type { Container, KubeObject, PathSegment, Workload } from '../../model/index.js';
import { arrayAt, objectAt, stringAt } from '../../model/index.js';
import { credentialValueShape, decodeBase64 } from './credential-detector.js';

export interface SecretEntry {
  readonly key: string;
  /** `data` (base64 in the manifest) or `stringData` (plain). */
  readonly field: 'data' | 'stringData';
  readonly path: readonly PathSegment[];
  /**
   * The decoded value, for the check's eyes only: never put it in a message, a path or a fix. For
   * `data` that is not valid base64 (the API server would reject it) the raw text is kept.
   */
  readonly value: string;
}

/** The `data` and `stringData` entries of a Secret; entries that are not strings (null) are skipped. */
export function secretEntries(secret: KubeObject): SecretEntry[] {
  const entries: SecretEntry[] = [];
  for (const field of ['data', 'stringData'] as const) {
    const map = objectAt(secret.body, field) ?? {};
    for (const [key, raw] of Object.entries(map)) {
      if (typeof raw !== 'string') continue;
      const value = field === 'data' ? (decodeBase64(raw) ?? raw) : raw;
      entries.push({ key, field, path: [field, key], value });
    }
  }
  return entries;
}

/** `namespace/name` → the objects of one kind in the inputs (a namespace omitted means `default`). */
export function indexObjects(objects: readonly KubeObject[], kind: string): ReadonlyMap<string, KubeObject> {
  const index = new Map<string, KubeObject>();
  for (const object of objects) {
    if (object.kind === kind) index.set(`${object.namespace ?? 'default'}/${object.name}`, object);
  }
  return index;
}

export type EnvUse =
  | {
      readonly kind: 'value';
      readonly path: readonly PathSegment[];
      readonly name: string;
      readonly value: string;
    }
  | {
      readonly kind: 'secretKeyRef';
      readonly path: readonly PathSegment[];
      readonly name: string;
      readonly secretName: string;
      readonly secretKey: string;
    }
  | { readonly kind: 'envFrom'; readonly path: readonly PathSegment[]; readonly secretName: string };

function envEntryUse(entry: unknown, path: readonly PathSegment[]): EnvUse | undefined {
  const name = stringAt(entry, 'name') ?? '';
  const value = stringAt(entry, 'value');
  if (value !== undefined) return { kind: 'value', path: [...path, 'value'], name, value };
  const ref = objectAt(objectAt(entry, 'valueFrom'), 'secretKeyRef');
  if (ref === undefined) return undefined;
  return {
    kind: 'secretKeyRef',
    path: [...path, 'valueFrom', 'secretKeyRef'],
    name,
    secretName: stringAt(ref, 'name') ?? '',
    secretKey: stringAt(ref, 'key') ?? '',
  };
}

/** The container's literal env values, `secretKeyRef` env vars and `envFrom` Secret imports, in order. */
export function envUses(container: Container): EnvUse[] {
  const uses: EnvUse[] = [];
  arrayAt(container.body, 'env').forEach((entry, i) => {
    const use = envEntryUse(entry, [...container.path, 'env', i]);
    if (use) uses.push(use);
  });
  arrayAt(container.body, 'envFrom').forEach((entry, i) => {
    const ref = objectAt(entry, 'secretRef');
    if (ref === undefined) return;
    const path = [...container.path, 'envFrom', i, 'secretRef'];
    uses.push({ kind: 'envFrom', path, secretName: stringAt(ref, 'name') ?? '' });
  });
  return uses;
}

/** Secrets the pod mounts as volumes (`secret` volumes and `projected` Secret sources). */
export function secretVolumes(workload: Workload): { secretName: string; path: readonly PathSegment[] }[] {
  const out: { secretName: string; path: readonly PathSegment[] }[] = [];
  arrayAt(workload.podSpec, 'volumes').forEach((volume, i) => {
    const base = [...workload.podSpecPath, 'volumes', i];
    const direct = stringAt(objectAt(volume, 'secret'), 'secretName');
    if (direct !== undefined) out.push({ secretName: direct, path: [...base, 'secret'] });
    arrayAt(objectAt(volume, 'projected'), 'sources').forEach((source, j) => {
      const name = stringAt(objectAt(source, 'secret'), 'name');
      if (name !== undefined) out.push({ secretName: name, path: [...base, 'projected', 'sources', j] });
    });
  });
  return out;
}

/**
 * Names that hold an Azure credential by the Azure SDKs' and tools' conventions (`EnvironmentCredential`,
 * the azure-storage CLI variables, Terraform's `ARM_*`, the Azure Files/Blob CSI Secret keys, the
 * cloud-provider `azure.json`), compared without case or separators.
 */
const AZURE_CREDENTIAL_NAMES: ReadonlyMap<string, string> = new Map([
  ['AZURECLIENTSECRET', 'a service principal secret'],
  ['AZURECLIENTCERTIFICATEPATH', 'a service principal certificate'],
  ['AZURECLIENTCERTIFICATEPASSWORD', 'a service principal certificate password'],
  ['AZUREPASSWORD', 'an Azure user password'],
  ['AZURESTORAGEKEY', 'a storage account key'],
  ['AZURESTORAGEACCESSKEY', 'a storage account key'],
  ['AZURESTORAGEACCOUNTKEY', 'a storage account key'],
  ['AZURESTORAGECONNECTIONSTRING', 'a storage connection string'],
  ['AZURESTORAGESASTOKEN', 'a storage SAS token'],
  ['ARMCLIENTSECRET', 'a service principal secret'],
  ['ARMCLIENTCERTIFICATEPASSWORD', 'a service principal certificate password'],
  ['AADCLIENTSECRET', 'a service principal secret'],
]);

/** What Azure credential a name, or a literal value, holds; undefined when neither is one. */
export function azureCredential(name: string, value?: string): string | undefined {
  const byName = AZURE_CREDENTIAL_NAMES.get(name.toUpperCase().replace(/[^A-Z0-9]/g, ''));
  if (byName !== undefined) return byName;
  return value === undefined ? undefined : credentialValueShape(value, 'azure');
}

/** The Azure credentials among a Secret's entries (by key name or value shape), as descriptions. */
export function azureCredentialsInSecret(secret: KubeObject, onlyKey?: string): string[] {
  const found = new Set<string>();
  for (const entry of secretEntries(secret)) {
    if (onlyKey !== undefined && entry.key !== onlyKey) continue;
    const what = azureCredential(entry.key, entry.value);
    if (what !== undefined) found.add(`${what} (key ${entry.key})`);
  }
  return [...found];
}
