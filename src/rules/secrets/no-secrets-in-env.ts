/** @module no-secrets-in-env: credentials do not reach containers as environment variables. */
import type { Container, Subject, Workload } from '../../model/index.js';
import { extractWorkloads, objectSubject } from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { commandLineCredentials } from './command-line-credentials.js';
import { detectCredential } from './credential-detector.js';
import type { EnvUse } from './secret-sources.js';
import { envUses } from './secret-sources.js';

/** One result per env use that carries a credential; the literal kind is `high`, a Secret reference `medium`. */
/** Why a literal credential is graded above the rule's default (a Secret read into env is the default case). */
const LITERAL_REASON =
  'a literal credential is committed in the manifest, readable by everyone who can read the repository';

function reportUse(
  context: RuleContext<unknown>,
  subject: Subject,
  container: Container,
  use: EnvUse,
): boolean {
  const kind = container.kind === 'container' ? 'container' : `${container.kind} container`;
  const inContainer = `${subject.display} ${kind} ${container.name}`;
  switch (use.kind) {
    case 'value': {
      const why = detectCredential(use.name, use.value);
      if (why === undefined) return false;
      const message = `${inContainer} sets ${use.name} in the manifest to ${why}.`;
      context.report({ subject, path: use.path, severity: 'high', severityReason: LITERAL_REASON, message });
      return true;
    }
    case 'secretKeyRef': {
      const message = `${inContainer} reads key ${use.secretKey} of Secret ${use.secretName} into the env var ${use.name}.`;
      context.report({ subject, path: use.path, severity: 'medium', message });
      return true;
    }
    case 'envFrom': {
      const message = `${inContainer} imports every key of Secret ${use.secretName} as env vars (envFrom).`;
      context.report({ subject, path: use.path, severity: 'medium', message });
      return true;
    }
  }
}

function checkWorkload(context: RuleContext<unknown>, workload: Workload): void {
  const subject = objectSubject(workload.object);
  let found = false;
  for (const container of workload.containers) {
    for (const use of envUses(container)) found = reportUse(context, subject, container, use) || found;
    const kind = container.kind === 'container' ? 'container' : `${container.kind} container`;
    for (const credential of commandLineCredentials(container)) {
      found = true;
      const message = `${subject.display} ${kind} ${container.name} passes a literal credential on its command line (after ${credential.flag}): committed in the manifest, and readable in /proc/<pid>/cmdline by every process of the pod.`;
      context.report({
        subject,
        path: credential.path,
        severity: 'high',
        severityReason: LITERAL_REASON,
        message,
      });
    }
  }
  if (found) return;
  const message = `${subject.display} passes no credential through environment variables.`;
  context.report({ subject, path: workload.podSpecPath, status: 'pass', message });
}

export default defineRule({
  id: 'no-secrets-in-env',
  title: 'Credentials are not passed as environment variables',
  surface: 'secrets',
  severity: 'medium',
  rationale:
    'An environment variable is the leakiest place for a credential: it is inherited by every child process, ' +
    'readable in /proc/<pid>/environ, printed by crash handlers, debug endpoints and `kubectl describe`-style ' +
    'tooling, and it never rotates without a restart. A literal value is worse still: the credential sits in ' +
    'the manifest for anyone with the repository. An attacker who lands in the pod reads them all in one ' +
    'command.',
  remediation: {
    summary:
      'Mount credentials as files (a Secret volume, or better the Key Vault Secrets Store CSI driver through ' +
      'workload identity) instead of env vars; never write a credential literally in a manifest.',
    manifest:
      'volumes: [{ name: secrets, csi: { driver: secrets-store.csi.k8s.io, readOnly: true, volumeAttributes: { secretProviderClass: <name> } } }]',
  },
  reads: ['manifests'],
  peers: { checkov: ['CKV_K8S_35'], cis: ['4.5.1'] },
  references: [
    GUIDANCE.checklist,
    GUIDANCE.verification,
    {
      title: 'Kubernetes: Good practices for Kubernetes Secrets',
      url: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    },
    {
      title: 'Use the Azure Key Vault provider for Secrets Store CSI Driver in AKS',
      url: 'https://learn.microsoft.com/azure/aks/csi-secrets-store-driver',
    },
  ],
  since: '0.1.0',
  check(context) {
    for (const workload of extractWorkloads(context.model.objects)) checkWorkload(context, workload);
  },
});
