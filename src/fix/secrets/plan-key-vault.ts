/**
 * @module The secrets path of a fix plan: the Kubernetes Secrets and credential literals of the
 * manifests move to Azure Key Vault, read through the Secrets Store CSI driver with workload identity.
 * Per namespace: the vault secrets (created from the live values through a pipe, never printed), a
 * user-assigned identity with a federated credential per service account, a SecretProviderClass that
 * syncs the Secrets the workloads read through env (so they keep working), the workloads pointed at it;
 * then, as a later step, the Kubernetes Secret manifests deleted. Vault, tenant and client id are the
 * user's: placeholders the plan names as needing input.
 */
import { stringify } from 'yaml';
import type { Finding } from '../../engine/finding.js';
import type { ClusterModel, Container, KubeObject, PathSegment, Workload } from '../../model/index.js';
import { arrayAt, extractWorkloads, groupBy, objectAt, stringAt } from '../../model/index.js';
import type { FileChange, FileSet } from '../file-set.js';
import { FileChanges } from '../file-set.js';
import { byHandReason } from '../file-set.js';
import type { YamlEdit } from '../workloads/yaml-edit.js';

export const VAULT_NAME = '<key-vault-name>';
export const TENANT_ID = '<tenant-id>';
export const RESOURCE_GROUP = '<resource-group>';
export const CLUSTER_NAME = '<cluster-name>';
export const clientIdOf = (identity: string): string => `<client-id-of-${identity}>`;

export const USE_LABEL = 'azure.workload.identity/use';
export const CLIENT_ID_ANNOTATION = 'azure.workload.identity/client-id';
const VOLUME = 'secrets-store';
const MOUNT_PATH = '/mnt/secrets-store';
/** Secret types whose data is a credential an application reads (TLS, registry and token Secrets are not moved). */
const MOVED_TYPES = new Set(['Opaque', 'kubernetes.io/basic-auth', 'kubernetes.io/ssh-auth']);

export interface UserInput {
  readonly placeholder: string;
  readonly reason: string;
}

export interface KeyVaultStep {
  readonly id: string;
  readonly kind: 'add' | 'change' | 'remove';
  readonly namespace: string;
  readonly title: string;
  /** Fingerprints of the findings the step closes. */
  readonly closes: readonly string[];
  /** Generated manifests: path under the output folder → text. */
  readonly generated: ReadonlyMap<string, string>;
  /** Edits of the user's manifests, in order. */
  readonly changes: readonly FileChange[];
  readonly apply: readonly string[];
  /** Commands to run after the diffs are applied. */
  readonly applyAfter: readonly string[];
  readonly verify: readonly { readonly command: string; readonly expect: string }[];
  readonly dependsOn: readonly string[];
  readonly breaksIfEarly?: string;
  readonly inputs: readonly UserInput[];
  readonly notes: readonly string[];
}

export interface KeyVaultPlan {
  readonly steps: readonly KeyVaultStep[];
  /** Workloads this plan moved off the `default` service account: display → the account's name. */
  readonly serviceAccounts: ReadonlyMap<string, string>;
}

/** A Key Vault secret name: letters, digits and dashes, at most 127 characters. */
function vaultName(...parts: string[]): string {
  return parts
    .join('-')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 127);
}

/** A Kubernetes Secret key from an env var name (`PAYMENTS_API_KEY` → `payments-api-key`). */
function keyOf(envName: string): string {
  return envName.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
}

interface VaultObject {
  readonly object: string;
  /** The shell command that reads the value from the cluster (printed to a pipe, never to the screen). */
  readonly source: string;
  readonly syncTo?: { readonly secret: string; readonly key: string };
}

const q = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

type EnvUse =
  | { readonly kind: 'value'; readonly path: readonly PathSegment[]; readonly name: string }
  | { readonly kind: 'secret'; readonly secretName: string };

/** A container's env literals (with their path) and the Secrets it reads (secretKeyRef, envFrom). */
function envUses(container: Container): EnvUse[] {
  const uses: EnvUse[] = [];
  arrayAt(container.body, 'env').forEach((entry, i) => {
    const name = stringAt(entry, 'name') ?? '';
    if (stringAt(entry, 'value') !== undefined)
      uses.push({ kind: 'value', path: [...container.path, 'env', i, 'value'], name });
    const ref = stringAt(objectAt(objectAt(entry, 'valueFrom'), 'secretKeyRef'), 'name');
    if (ref !== undefined) uses.push({ kind: 'secret', secretName: ref });
  });
  for (const entry of arrayAt(container.body, 'envFrom')) {
    const ref = stringAt(objectAt(entry, 'secretRef'), 'name');
    if (ref !== undefined) uses.push({ kind: 'secret', secretName: ref });
  }
  return uses;
}

/** The Secrets a pod mounts (`secret` volumes, `projected` Secret sources). */
function volumeSecrets(workload: Workload): string[] {
  const names: string[] = [];
  for (const volume of arrayAt(workload.podSpec, 'volumes')) {
    const direct = stringAt(objectAt(volume, 'secret'), 'secretName');
    if (direct !== undefined) names.push(direct);
    for (const source of arrayAt(objectAt(volume, 'projected'), 'sources')) {
      const projected = stringAt(objectAt(source, 'secret'), 'name');
      if (projected !== undefined) names.push(projected);
    }
  }
  return names;
}

function pointsAt(workload: Workload, moved: ReadonlySet<string>): boolean {
  for (const container of workload.containers)
    for (const use of envUses(container)) if (use.kind === 'secret' && moved.has(use.secretName)) return true;
  return volumeSecrets(workload).some((name) => moved.has(name));
}

/** Where the pod template's labels are: beside the pod spec. */
function labelsPath(workload: Workload): (string | number)[] {
  return [...workload.podSpecPath.slice(0, -1), 'metadata', 'labels', USE_LABEL];
}

function editable(object: KubeObject, files: FileSet): boolean {
  return files.has(object.origin.file) && byHandReason(object.origin) === undefined;
}

export function planKeyVault(model: ClusterModel, failing: readonly Finding[], files: FileSet): KeyVaultPlan {
  const steps: KeyVaultStep[] = [];
  const serviceAccounts = new Map<string, string>();
  const byRule = (rule: string) => failing.filter((f) => f.ruleId === rule);
  const plainSecrets = byRule('no-plain-credentials').filter((f) => f.subject.kind === 'Secret');
  const literals = byRule('no-secrets-in-env').filter((f) => f.path?.endsWith('.value') === true);
  const namespaces = new Set([
    ...plainSecrets.map((f) => f.subject.namespace ?? 'default'),
    ...literals.map((f) => f.subject.namespace ?? 'default'),
  ]);
  const workloads = extractWorkloads(model.objects);
  const accounts = new Map(
    model.objects
      .filter((o) => o.kind === 'ServiceAccount')
      .map((o) => [`${o.namespace ?? 'default'}/${o.name}`, o]),
  );
  // Indexes of what each namespace looks up (a large cluster has hundreds of namespaces).
  const plainSecretKeys = new Set(
    plainSecrets.map((f) => JSON.stringify([f.subject.namespace ?? null, f.subject.name])),
  );
  const secretsIn = groupBy(
    model.objects.filter((o) => o.kind === 'Secret'),
    (o) => o.namespace ?? 'default',
  );
  const workloadsIn = groupBy(workloads, (w) => w.namespace);
  const literalsIn = groupBy(literals, (f) => f.subject.namespace ?? 'default');
  const defaultAccountFindings = byRule('no-default-service-account');
  for (const namespace of [...namespaces].sort()) {
    const secrets = (secretsIn.get(namespace) ?? []).filter(
      (o) =>
        MOVED_TYPES.has(typeof o.body.type === 'string' ? o.body.type : 'Opaque') &&
        plainSecretKeys.has(JSON.stringify([o.namespace ?? null, o.name])) &&
        editable(o, files),
    );
    const moved = new Set(secrets.map((s) => s.name));
    const objects: VaultObject[] = [];
    const synced = new Set<string>();
    const here = workloadsIn.get(namespace) ?? [];
    const users = here.filter((w) => pointsAt(w, moved) && editable(w.object, files));
    for (const w of users)
      for (const c of w.containers)
        for (const use of envUses(c))
          if (use.kind !== 'value' && moved.has(use.secretName)) synced.add(use.secretName);
    for (const secret of secrets) {
      for (const field of ['data', 'stringData'] as const) {
        const map = secret.body[field];
        if (map === null || typeof map !== 'object' || Array.isArray(map)) continue;
        for (const key of Object.keys(map)) {
          const jsonpath = `{.data.${key.replace(/\./g, '\\.')}}`;
          objects.push({
            object: vaultName(namespace, secret.name, key),
            source: `kubectl get secret ${secret.name} -n ${namespace} -o jsonpath=${q(jsonpath)} | base64 -d`,
            ...(synced.has(secret.name) ? { syncTo: { secret: secret.name, key } } : {}),
          });
        }
      }
    }
    // Credential literals in env: each becomes a vault secret, synced into `<workload>-keyvault`.
    const literalEdits = new Map<Workload, YamlEdit[]>();
    const literalClosed: string[] = [];
    for (const finding of literalsIn.get(namespace) ?? []) {
      const w = here.find(
        (x) =>
          x.object.kind === finding.subject.kind &&
          x.name === finding.subject.name &&
          editable(x.object, files),
      );
      if (!w) continue;
      for (const c of w.containers) {
        for (const use of envUses(c)) {
          if (use.kind !== 'value') continue;
          const dotted = use.path
            .map((p, i) => (typeof p === 'number' ? `[${String(p)}]` : `${i === 0 ? '' : '.'}${p}`))
            .join('');
          if (dotted !== finding.path) continue;
          const secretName = `${w.name}-keyvault`;
          const key = keyOf(use.name);
          const kind = w.object.kind.toLowerCase();
          objects.push({
            object: vaultName(namespace, w.name, use.name),
            source: `kubectl get ${kind} ${w.name} -n ${namespace} -o jsonpath=${q(`{.${w.podSpecPath.join('.')}.containers[?(@.name=="${c.name}")].env[?(@.name=="${use.name}")].value}`)}`,
            syncTo: { secret: secretName, key },
          });
          const entry = use.path.slice(0, -1);
          literalEdits.set(w, [
            ...(literalEdits.get(w) ?? []),
            { path: [...entry, 'value'], delete: true },
            { path: [...entry, 'valueFrom', 'secretKeyRef'], value: { name: secretName, key } },
          ]);
          literalClosed.push(finding.fingerprint);
        }
      }
    }
    if (objects.length === 0) continue;
    const pointed = [...new Set([...users, ...literalEdits.keys()])];
    const identity = `id-${namespace}-secrets`.slice(0, 128);
    const clientId = clientIdOf(identity);
    const spcName = `${namespace}-keyvault`;
    const spc = {
      apiVersion: 'secrets-store.csi.x-k8s.io/v1',
      kind: 'SecretProviderClass',
      metadata: { name: spcName, namespace, labels: { 'app.kubernetes.io/managed-by': 'aksward-fix' } },
      spec: {
        provider: 'azure',
        parameters: {
          usePodIdentity: 'false',
          clientID: clientId,
          keyvaultName: VAULT_NAME,
          tenantId: TENANT_ID,
          objects: stringify({
            array: objects.map((o) => stringify({ objectName: o.object, objectType: 'secret' })),
          }),
        },
        ...(objects.some((o) => o.syncTo)
          ? {
              secretObjects: [...new Set(objects.flatMap((o) => (o.syncTo ? [o.syncTo.secret] : [])))].map(
                (secretName) => ({
                  secretName,
                  type: 'Opaque',
                  data: objects
                    .filter((o) => o.syncTo?.secret === secretName)
                    .map((o) => ({ objectName: o.object, key: o.syncTo?.key ?? '' })),
                }),
              ),
            }
          : {}),
      },
    };
    const generated = new Map<string, string>();
    generated.set(
      `secrets/${namespace}/${spcName}-secretproviderclass.yaml`,
      `# The Key Vault secrets of namespace ${namespace}, read with workload identity. Generated by aksward fix.\n# Replace the <...> placeholders: they need your input (see plan.md).\n${stringify(spc)}`,
    );
    // Each pointed workload runs as an account annotated with the identity.
    const changes = new FileChanges();
    const edit = (object: KubeObject, edits: readonly YamlEdit[]): void => {
      changes.add(files.editDocument(object.origin.file, object.origin.documentIndex, object, edits).change);
    };
    const subjects: string[] = [];
    for (const w of pointed) {
      let account = w.serviceAccountName;
      const edits: YamlEdit[] = [...(literalEdits.get(w) ?? [])];
      if (account === 'default') {
        account = accounts.has(`${namespace}/${w.name}`) ? `${w.name}-workload` : w.name;
        serviceAccounts.set(w.display, account);
        edits.push({ path: [...w.podSpecPath, 'serviceAccountName'], value: account });
      }
      const existing = accounts.get(`${namespace}/${account}`);
      if (existing && editable(existing, files))
        edit(existing, [{ path: ['metadata', 'annotations', CLIENT_ID_ANNOTATION], value: clientId }]);
      else if (!existing) {
        accounts.set(`${namespace}/${account}`, w.object);
        generated.set(
          `secrets/${namespace}/${account}-serviceaccount.yaml`,
          `# The service account of ${w.display}, federated with ${identity}. Generated by aksward fix.\n${stringify(
            {
              apiVersion: 'v1',
              kind: 'ServiceAccount',
              metadata: {
                name: account,
                namespace,
                labels: { 'app.kubernetes.io/managed-by': 'aksward-fix' },
                annotations: { [CLIENT_ID_ANNOTATION]: clientId },
              },
              automountServiceAccountToken: false,
            },
          )}`,
        );
      }
      subjects.push(`system:serviceaccount:${namespace}:${account}`);
      edits.push({ path: labelsPath(w), value: 'true' });
      edits.push({
        path: [...w.podSpecPath, 'volumes'],
        append: {
          name: VOLUME,
          csi: {
            driver: 'secrets-store.csi.k8s.io',
            readOnly: true,
            volumeAttributes: { secretProviderClass: spcName },
          },
        },
      });
      for (const c of w.containers)
        if (c.kind !== 'ephemeral')
          edits.push({
            path: [...c.path, 'volumeMounts'],
            append: { name: VOLUME, mountPath: MOUNT_PATH, readOnly: true },
          });
      edit(w.object, edits);
    }
    const inputs: UserInput[] = [
      { placeholder: VAULT_NAME, reason: 'the Key Vault that holds the secrets: yours to choose or create' },
      { placeholder: RESOURCE_GROUP, reason: 'the resource group of the identity and the cluster' },
      { placeholder: CLUSTER_NAME, reason: 'the cluster, to read its OIDC issuer' },
      { placeholder: TENANT_ID, reason: 'the Entra tenant of the vault' },
      { placeholder: clientId, reason: `the client id az identity create prints for ${identity}` },
    ];
    const fromVault = `keyvault-${namespace}`;
    steps.push({
      id: `secrets-keyvault:${namespace}`,
      kind: 'add',
      namespace,
      title: `Key Vault secrets and workload identity for namespace ${namespace}`,
      closes: [],
      generated,
      changes: [],
      apply: [
        `az keyvault create -g ${RESOURCE_GROUP} -n ${VAULT_NAME} --enable-rbac-authorization true   # or use your vault`,
        ...objects.map(
          (o) =>
            `${o.source} | az keyvault secret set --vault-name ${VAULT_NAME} --name ${o.object} --file /dev/stdin --encoding utf-8 --output none`,
        ),
        `az identity create -g ${RESOURCE_GROUP} -n ${identity} --query clientId -o tsv   # the client id for ${clientId}`,
        `az role assignment create --role "Key Vault Secrets User" --assignee ${clientId} --scope "$(az keyvault show -n ${VAULT_NAME} --query id -o tsv)"`,
        ...[...new Set(subjects)].map(
          (subject) =>
            `az identity federated-credential create -g ${RESOURCE_GROUP} --identity-name ${identity} --name ${vaultName(fromVault, subject.split(':').at(-1) ?? '')} --issuer "$(az aks show -g ${RESOURCE_GROUP} -n ${CLUSTER_NAME} --query oidcIssuerProfile.issuerUrl -o tsv)" --subject ${subject} --audience api://AzureADTokenExchange`,
        ),
        ...[...generated.keys()].map((p) => `kubectl apply -f ${p}`),
      ],
      applyAfter: [],
      verify: [
        {
          command: `az keyvault secret list --vault-name ${VAULT_NAME} --query "[].name" -o tsv`,
          expect: objects.map((o) => o.object).join(', '),
        },
        {
          command: `kubectl get secretproviderclass ${spcName} -n ${namespace}`,
          expect: 'exists',
        },
      ],
      dependsOn: ['cluster:require-keyvault-csi', 'cluster:require-workload-identity'],
      breaksIfEarly:
        'without the CSI add-on the SecretProviderClass kind does not exist, and without the OIDC issuer the federated credential has no issuer',
      inputs,
      notes: [
        'the values go from the cluster to the vault through a pipe: none is printed, none is written to a file',
      ],
    });
    const workloadNames = pointed.map((w) => `${w.object.kind.toLowerCase()}/${w.name}`);
    const pointedDisplays = new Set(pointed.map((w) => w.display));
    steps.push({
      id: `secrets-point:${namespace}`,
      kind: 'change',
      namespace,
      title: `Point the workloads of namespace ${namespace} at Key Vault`,
      closes: [
        ...literalClosed,
        ...defaultAccountFindings
          .filter((f) => pointedDisplays.has(f.subject.display) && serviceAccounts.has(f.subject.display))
          .map((f) => f.fingerprint),
      ],
      generated: new Map(),
      changes: changes.list(),
      apply: [],
      applyAfter: [
        'kubectl apply -f <the patched manifests>',
        ...workloadNames.map((w) => `kubectl rollout status ${w} -n ${namespace}`),
      ],
      verify: [
        ...pointed.map((w) => ({
          command: `kubectl exec -n ${namespace} ${w.object.kind.toLowerCase()}/${w.name} -- ls ${MOUNT_PATH}`,
          expect: objects.map((o) => o.object).join(' '),
        })),
      ],
      dependsOn: [`secrets-keyvault:${namespace}`],
      breaksIfEarly:
        'the pods fail to start: the CSI volume cannot mount without the SecretProviderClass, the identity and its federated credential',
      inputs: [],
      notes: [
        'env vars read from a Secret keep their name: the driver syncs that Secret from the vault (secretObjects), so the workloads keep working; mounting the files instead closes no-secrets-in-env for good',
      ],
    });
    const removal = new FileChanges();
    for (const secret of secrets) {
      const change = files.removeDocument(secret.origin.file, secret.origin.documentIndex, secret);
      removal.add(change);
    }
    steps.push({
      id: `secrets-remove:${namespace}`,
      kind: 'remove',
      namespace,
      title: `Delete the Kubernetes Secret manifests of namespace ${namespace}`,
      closes: plainSecrets
        .filter((f) => f.subject.namespace === namespace && moved.has(f.subject.name))
        .map((f) => f.fingerprint),
      generated: new Map(),
      changes: removal.list(),
      apply: [],
      applyAfter: [
        ...secrets.map((s) => `kubectl delete secret ${s.name} -n ${namespace}`),
        ...workloadNames.map(
          (w) =>
            `kubectl rollout restart ${w} -n ${namespace}   # the driver syncs the Secrets again, from the vault`,
        ),
      ],
      verify: secrets.map((s) =>
        synced.has(s.name)
          ? {
              command: `kubectl get secret ${s.name} -n ${namespace} -o jsonpath='{.metadata.labels.secrets-store\\.csi\\.k8s\\.io/managed}'`,
              expect: 'true: the Secret is the driver’s copy of the vault, not a manifest',
            }
          : { command: `kubectl get secret ${s.name} -n ${namespace}`, expect: 'NotFound' },
      ),
      dependsOn: [`secrets-point:${namespace}`],
      breaksIfEarly:
        'the workloads that read the Secret fail at their next start: nothing re-creates it before they read the vault',
      inputs: [],
      notes: ['rotate every value that was committed: the old values stay in your history'],
    });
  }
  return { steps, serviceAccounts };
}
