/** @module no-plain-credentials: no credential committed in a Secret or ConfigMap manifest. */
import type { KubeObject, PathSegment } from '../../model/index.js';
import { objectAt, objectSubject, stringAt } from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import {
  credentialValueShape,
  decodeBase64,
  detectCredential,
  isEmptyOrReference,
  stripReferences,
} from './credential-detector.js';
import { secretEntries } from './secret-sources.js';

/** Types whose every key is a credential: the type itself says what the data is. */
const CREDENTIAL_TYPES = new Set([
  'Opaque',
  'kubernetes.io/basic-auth',
  'kubernetes.io/ssh-auth',
  'kubernetes.io/dockerconfigjson',
  'kubernetes.io/dockercfg',
  'bootstrap.kubernetes.io/token',
]);

/** Public halves of a TLS Secret: certificates are meant to be shown. */
const PUBLIC_TLS_KEYS = new Set(['tls.crt', 'ca.crt']);

interface Hit {
  readonly key: string;
  readonly path: readonly PathSegment[];
  readonly why: string;
}

/** A key that is itself a credential (someone pasted the token as the key) is never printed. */
function showKey(key: string): { shown: string; pathKey: string | undefined } {
  return credentialValueShape(key) === undefined
    ? { shown: key, pathKey: key }
    : { shown: '<a key shaped like a credential>', pathKey: undefined };
}

/** Why a Secret entry counts as a committed credential, or undefined. */
function secretEntryWhy(type: string, key: string, value: string): string | undefined {
  if (isEmptyOrReference(value)) return undefined;
  // A value that is partly a reference (`Password=${DB_PASSWORD}`) counts only if what is literal is one.
  if (stripReferences(value) !== value) return detectCredential(key, value);
  if (CREDENTIAL_TYPES.has(type)) return credentialValueShape(value) ?? `credential data (${type} Secret)`;
  if (type === 'kubernetes.io/tls') return PUBLIC_TLS_KEYS.has(key) ? undefined : 'a TLS private key';
  return detectCredential(key, value);
}

function secretHits(secret: KubeObject, type: string): Hit[] {
  const hits: Hit[] = [];
  for (const entry of secretEntries(secret)) {
    const why = secretEntryWhy(type, entry.key, entry.value);
    if (why !== undefined) hits.push({ key: entry.key, path: entry.path, why });
  }
  return hits;
}

function configMapHits(configMap: KubeObject): Hit[] {
  const hits: Hit[] = [];
  for (const [key, raw] of Object.entries(objectAt(configMap.body, 'data') ?? {})) {
    if (typeof raw !== 'string') continue;
    const why = detectCredential(key, raw);
    if (why !== undefined) hits.push({ key, path: ['data', key], why });
  }
  for (const [key, raw] of Object.entries(objectAt(configMap.body, 'binaryData') ?? {})) {
    if (typeof raw !== 'string') continue;
    const decoded = decodeBase64(raw);
    const why = decoded === undefined ? undefined : credentialValueShape(decoded);
    if (why !== undefined) hits.push({ key, path: ['binaryData', key], why });
  }
  return hits;
}

function whereIs(kind: string, field: PathSegment | undefined): string {
  if (kind !== 'Secret') return 'in a ConfigMap, readable by anyone who may read ConfigMaps';
  return field === 'stringData'
    ? 'committed in plain text in the manifest'
    : 'committed in the manifest (base64 is an encoding, not encryption)';
}

function reportHits(context: RuleContext<unknown>, object: KubeObject, hits: readonly Hit[]): void {
  const subject = objectSubject(object);
  if (hits.length === 0) {
    const message = `${subject.display} holds no credential-like data.`;
    context.report({ subject, path: [], status: 'pass', message });
    return;
  }
  for (const hit of hits) {
    const { shown, pathKey } = showKey(hit.key);
    const path = pathKey === undefined ? hit.path.slice(0, 1) : hit.path;
    const message = `${subject.display} key ${shown} holds ${hit.why}, ${whereIs(object.kind, hit.path[0])}.`;
    context.report({ subject, path, message });
  }
}

function checkSecret(context: RuleContext<unknown>, secret: KubeObject): void {
  const type = stringAt(secret.body, 'type') ?? 'Opaque';
  if (type === 'kubernetes.io/service-account-token') {
    // The token controller fills these in: the cluster created the token, nobody committed it.
    const subject = objectSubject(secret);
    const message = `${subject.display} is a service-account token Secret, filled in by the cluster.`;
    context.report({ subject, path: ['type'], status: 'pass', message });
    return;
  }
  reportHits(context, secret, secretHits(secret, type));
}

export default defineRule({
  id: 'no-plain-credentials',
  title: 'No credentials committed as Secret or ConfigMap manifests',
  surface: 'secrets',
  severity: 'high',
  rationale:
    'A Kubernetes Secret is base64-encoded, not encrypted: whoever can read the manifest in Git, or get the ' +
    'Secret through the API, reads the credential, and so does every pipeline and backup that copies the ' +
    'repository. A credential in a ConfigMap is worse, since ConfigMap read is granted freely. The hardening ' +
    'guidance says it plainly: the moment you type a real credential into a manifest, you chose the wrong pattern; ' +
    'keep it in Key Vault and let the pod reach it through workload identity.',
  remediation: {
    summary:
      'Remove the credential from the manifest and rotate it; store it in Azure Key Vault and mount it with the ' +
      'Secrets Store CSI driver (SecretProviderClass) through workload identity, or have an operator such as ' +
      'External Secrets create the Secret at run time.',
    manifest:
      'volumes:\n' +
      '  - name: secrets\n' +
      '    csi:\n' +
      '      driver: secrets-store.csi.k8s.io\n' +
      '      readOnly: true\n' +
      '      volumeAttributes: { secretProviderClass: <name> }',
  },
  reads: ['manifests'],
  peers: { trivy: ['KSV-0109'] },
  references: [
    GUIDANCE.checklist,
    GUIDANCE.rolloutOrder,
    {
      title: 'Use the Azure Key Vault provider for Secrets Store CSI Driver in AKS',
      url: 'https://learn.microsoft.com/azure/aks/csi-secrets-store-driver',
    },
    {
      title: 'Kubernetes: Good practices for Kubernetes Secrets',
      url: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    },
  ],
  since: '0.1.0',
  check(context) {
    for (const object of context.model.objects) {
      if (object.kind === 'Secret') checkSecret(context, object);
      else if (object.kind === 'ConfigMap') reportHits(context, object, configMapHits(object));
    }
  },
});
