/**
 * @module The workload patches of a fix plan: for each workload with failed pod-hardening findings, the
 * securityContext and token settings that close them, as edits of the user's own manifest (formatting
 * and comments kept). What aksward cannot choose (resource sizes, image digests, host access a
 * workload may need) is listed as needing the owner's input, never guessed.
 */
import type { Finding } from '../../engine/finding.js';
import type { ClusterModel, Container, JsonObject, Workload } from '../../model/index.js';
import { extractWorkloads, groupBy } from '../../model/index.js';
import type { FileChange, FileSet } from '../file-set.js';
import { FileChanges } from '../file-set.js';
import { byHandReason } from '../file-set.js';
import type { YamlEdit } from './yaml-edit.js';
import { stringify } from 'yaml';

/** Rules this module patches, in the order their edits are made. */
export const PATCHED_RULES = [
  'no-default-service-account',
  'no-privileged',
  'no-privilege-escalation',
  'no-added-capabilities',
  'require-non-root',
  'require-seccomp',
  'require-read-only-root',
  'no-automount-token',
] as const;
type PatchedRule = (typeof PATCHED_RULES)[number];

/** Rules whose fix is the owner's decision: aksward lists them with what to decide. */
export const OWNER_DECISIONS: Readonly<Record<string, string>> = {
  'require-resource-limits': 'set CPU and memory requests and limits from the workload’s observed usage',
  'no-mutable-image-tags':
    'pin each image by digest (`image@sha256:…`) from your registry: the digest is the one you tested, yours to give',
  'require-allowed-registries':
    'mirror the image into your registry (az acr import) and point the manifest at it: which registry is yours to say (config registries.allowed)',
  'no-host-namespaces':
    'remove hostPID/hostIPC/hostNetwork unless the workload is a node agent that needs it',
  'no-host-path':
    'replace the hostPath volume (a node agent that needs it goes to a dedicated, tainted pool)',
  'no-azure-credential-mounts':
    'remove the volume that reaches the node’s credentials; use workload identity',
  'no-secrets-in-env': 'mount the secret as a file (or through the Key Vault CSI driver) instead of env',
};

/** The non-root user the patches set when the manifest names none (the image must allow it). */
export const NON_ROOT_UID = 10001;

/** A ServiceAccount the patches create for a workload that ran as `default`. */
export interface NewServiceAccount {
  readonly namespace: string;
  readonly name: string;
  readonly workload: string;
  /** `workloads/<ns>/<name>-serviceaccount.yaml`. */
  readonly file: string;
  readonly text: string;
}

export interface WorkloadPatch {
  readonly workload: string;
  readonly file: string;
  readonly rules: readonly PatchedRule[];
  readonly closes: readonly string[];
  /** Whether the patch changed its file (the text of every file patched is in `planWorkloadPatches`'s `changes`). */
  readonly changed: boolean;
  /** What to check before rolling the patch out (the image must run as non-root, writable paths...). */
  readonly cautions: readonly string[];
  readonly failed: readonly string[];
}

export interface OwnerDecision {
  readonly workload: string;
  readonly rule: string;
  readonly decide: string;
  readonly closes: readonly string[];
}

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function securityContextOf(container: Container): JsonObject {
  const sc = container.body.securityContext;
  return isObject(sc) ? sc : {};
}

function containerEdits(rule: PatchedRule, container: Container, cautions: Set<string>): YamlEdit[] {
  const sc = securityContextOf(container);
  const base = [...container.path, 'securityContext'];
  switch (rule) {
    case 'no-privileged': {
      const edits: YamlEdit[] = [];
      if (sc.privileged === true) edits.push({ path: [...base, 'privileged'], value: false });
      const windows = sc.windowsOptions;
      if (isObject(windows) && windows.hostProcess === true)
        edits.push({ path: [...base, 'windowsOptions', 'hostProcess'], value: false });
      if (edits.length > 0)
        cautions.add(
          `${container.name}: no longer privileged; a node agent that needs devices or host access must move to a dedicated pool`,
        );
      return edits;
    }
    case 'no-privilege-escalation':
      return sc.allowPrivilegeEscalation === false
        ? []
        : [{ path: [...base, 'allowPrivilegeEscalation'], value: false }];
    case 'no-added-capabilities': {
      const caps = isObject(sc.capabilities) ? sc.capabilities : {};
      const edits: YamlEdit[] = [];
      const drop = Array.isArray(caps.drop) ? caps.drop : [];
      if (!drop.some((c) => String(c).toUpperCase() === 'ALL'))
        edits.push({ path: [...base, 'capabilities', 'drop'], value: ['ALL'] });
      const add = Array.isArray(caps.add) ? caps.add.map(String) : [];
      const kept = add.filter((c) => c.toUpperCase().replace(/^CAP_/, '') === 'NET_BIND_SERVICE');
      if (add.length > kept.length) {
        edits.push(
          kept.length === 0
            ? { path: [...base, 'capabilities', 'add'], delete: true }
            : { path: [...base, 'capabilities', 'add'], value: kept },
        );
        cautions.add(
          `${container.name}: capabilities ${add.filter((c) => !kept.includes(c)).join(', ')} removed`,
        );
      }
      return edits;
    }
    case 'require-non-root': {
      const edits: YamlEdit[] = [];
      if (sc.runAsNonRoot !== true) edits.push({ path: [...base, 'runAsNonRoot'], value: true });
      if (typeof sc.runAsUser !== 'number' || sc.runAsUser === 0) {
        edits.push({ path: [...base, 'runAsUser'], value: NON_ROOT_UID });
        cautions.add(
          `${container.name}: runs as UID ${NON_ROOT_UID}; the image must not need root (files it writes, ports below 1024)`,
        );
      }
      return edits;
    }
    case 'require-read-only-root':
      if (sc.readOnlyRootFilesystem === true) return [];
      cautions.add(
        `${container.name}: root filesystem read-only; paths it writes (/tmp, caches) need an emptyDir`,
      );
      return [{ path: [...base, 'readOnlyRootFilesystem'], value: true }];
    case 'require-seccomp':
    case 'no-automount-token':
    case 'no-default-service-account':
      return [];
  }
}

function podEdits(rule: PatchedRule, workload: Workload, serviceAccount: string | undefined): YamlEdit[] {
  const pod = workload.podSpec;
  if (rule === 'no-default-service-account')
    return serviceAccount === undefined
      ? []
      : [{ path: [...workload.podSpecPath, 'serviceAccountName'], value: serviceAccount }];
  if (rule === 'no-automount-token')
    return pod.automountServiceAccountToken === false
      ? []
      : [{ path: [...workload.podSpecPath, 'automountServiceAccountToken'], value: false }];
  if (rule === 'require-seccomp') {
    const sc = isObject(pod.securityContext) ? pod.securityContext : {};
    const profile = isObject(sc.seccompProfile) ? sc.seccompProfile : {};
    if (profile.type === 'RuntimeDefault' || profile.type === 'Localhost') return [];
    return [
      {
        path: [...workload.podSpecPath, 'securityContext', 'seccompProfile', 'type'],
        value: 'RuntimeDefault',
      },
    ];
  }
  return [];
}

/** Where a subject's object sits: its kind and name, and the file and line it starts at. */
const placeKey = (kind: string, name: string, at: { readonly file: string; readonly line: number }): string =>
  `${kind}\u0000${name}\u0000${at.file}\u0000${at.line}`;

/**
 * The failed findings of each object, in the scan's order, by `placeKey`: indexed once, as a large cluster
 * has tens of thousands of workloads and of findings.
 */
function failedByObject(findings: readonly Finding[]): ReadonlyMap<string, readonly Finding[]> {
  return groupBy(
    findings.filter((f) => f.status === 'fail'),
    (f) => placeKey(f.subject.kind, f.subject.name, f.subject.at),
  );
}

/**
 * Patches for every workload with failed findings of the patched rules, applied to `files`; and the
 * decisions aksward leaves to the owner. Objects rendered from Helm or kustomize are not patched (their
 * source is a template): their decisions say so.
 */
export function planWorkloadPatches(
  model: ClusterModel,
  findings: readonly Finding[],
  files: FileSet,
  /** Workloads an earlier step moved off `default`: display → their account (no account made here). */
  assigned: ReadonlyMap<string, string> = new Map(),
): {
  readonly patches: WorkloadPatch[];
  /** Each patched file: its text before the first patch and after the last. */
  readonly changes: FileChange[];
  readonly decisions: OwnerDecision[];
  readonly serviceAccounts: NewServiceAccount[];
} {
  const patches: WorkloadPatch[] = [];
  const decisions: OwnerDecision[] = [];
  const serviceAccounts: NewServiceAccount[] = [];
  const changes = new FileChanges();
  const existing = new Set(
    model.objects
      .filter((o) => o.kind === 'ServiceAccount')
      .map((o) => `${o.namespace ?? 'default'}/${o.name}`),
  );
  const failed = failedByObject(findings);
  for (const workload of extractWorkloads(model.objects)) {
    const { object } = workload;
    const own = failed.get(placeKey(object.kind, object.name, object.origin.at)) ?? [];
    if (own.length === 0) continue;
    const failing = new Set(own.map((f) => f.ruleId));
    for (const [rule, decide] of Object.entries(OWNER_DECISIONS)) {
      if (!failing.has(rule)) continue;
      decisions.push({
        workload: workload.display,
        rule,
        decide,
        closes: own.filter((f) => f.ruleId === rule).map((f) => f.fingerprint),
      });
    }
    const rules = PATCHED_RULES.filter(
      (r) => failing.has(r) && !(r === 'no-default-service-account' && assigned.has(workload.display)),
    );
    if (rules.length === 0) continue;
    const { origin } = workload.object;
    const templated = origin.at.template !== undefined;
    if (!files.has(origin.file) || byHandReason(origin) !== undefined) {
      for (const rule of rules)
        decisions.push({
          workload: workload.display,
          rule,
          decide: templated
            ? `patch the template ${origin.at.template ?? ''} that renders this workload`
            : 'patch the manifest (it is inside a List, or its file was not read as text)',
          closes: own.filter((f) => f.ruleId === rule).map((f) => f.fingerprint),
        });
      continue;
    }
    const cautions = new Set<string>();
    const edits: YamlEdit[] = [];
    // A workload that runs as `default` gets its own account, which nothing is bound to.
    let serviceAccount: string | undefined;
    if (rules.includes('no-default-service-account') && workload.serviceAccountName === 'default') {
      const base = workload.name;
      serviceAccount = existing.has(`${workload.namespace}/${base}`) ? `${base}-workload` : base;
      existing.add(`${workload.namespace}/${serviceAccount}`);
      serviceAccounts.push(newServiceAccount(workload, serviceAccount));
      cautions.add(
        `runs as the new ServiceAccount ${workload.namespace}/${serviceAccount} instead of default: rights it needs from the API must be granted to that account`,
      );
    }
    for (const rule of rules) {
      edits.push(...podEdits(rule, workload, serviceAccount));
      for (const container of workload.containers) {
        if (container.kind === 'ephemeral') continue;
        edits.push(...containerEdits(rule, container, cautions));
      }
    }
    // The last step that edits a workload: no parse is kept for a later one.
    const result = files.editDocument(origin.file, origin.documentIndex, workload.object, edits, {
      final: true,
    });
    changes.add(result.change);
    patches.push({
      workload: workload.display,
      file: origin.file,
      rules,
      closes: own.filter((f) => (rules as readonly string[]).includes(f.ruleId)).map((f) => f.fingerprint),
      changed: result.change !== undefined,
      cautions: [...cautions],
      failed: result.failed.map((e) => e.path.join('.')),
    });
  }
  return { patches, changes: changes.list(), decisions, serviceAccounts };
}

function newServiceAccount(workload: Workload, name: string): NewServiceAccount {
  const object = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name,
      namespace: workload.namespace,
      labels: { 'app.kubernetes.io/managed-by': 'aksward-fix' },
    },
    automountServiceAccountToken: false,
  };
  return {
    namespace: workload.namespace,
    name,
    workload: workload.display,
    file: `workloads/${workload.namespace}/${name}-serviceaccount.yaml`,
    text: `# A dedicated service account for ${workload.display}, which ran as default. Generated by aksward fix.\n${stringify(object)}`,
  };
}
