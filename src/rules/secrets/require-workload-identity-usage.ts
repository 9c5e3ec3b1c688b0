/** @module require-workload-identity-usage: workloads reach Azure through a federated service account on a cluster that offers it. */
import type { KubeObject, PathSegment, Subject, Workload } from '../../model/index.js';
import { extractWorkloads, objectSubject } from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import type { IdentityOffer } from './azure-access.js';
import { heldAzureCredentials, workloadIdentityOffer } from './azure-access.js';
import { indexObjects } from './secret-sources.js';

/** The pod label the workload identity webhook (v1.0+) mutates on, and the SA annotation naming the identity. */
const USE_LABEL = 'azure.workload.identity/use';
const CLIENT_ID = 'azure.workload.identity/client-id';

function hasClientId(account: KubeObject | undefined): boolean {
  return (account?.annotations[CLIENT_ID] ?? '').trim() !== '';
}

function labelPath(workload: Workload): readonly PathSegment[] {
  return [...workload.podSpecPath.slice(0, -1), 'metadata', 'labels', USE_LABEL];
}

interface Ctx {
  readonly context: RuleContext<unknown>;
  readonly offer: IdentityOffer;
  readonly accounts: ReadonlyMap<string, KubeObject>;
  readonly secrets: ReadonlyMap<string, KubeObject>;
}

/** The two manifest halves agree: the pods carry the label and their account carries the client id. */
function checkFederation(
  ctx: Ctx,
  workload: Workload,
  subject: Subject,
  account: KubeObject | undefined,
): boolean {
  const accountName = `${workload.namespace}/${workload.serviceAccountName}`;
  const labelled = workload.podLabels[USE_LABEL] === 'true';
  const annotated = hasClientId(account);
  const path = labelPath(workload);
  if (labelled && !annotated) {
    if (account === undefined && workload.serviceAccountName !== 'default') {
      const message = `${subject.display} uses workload identity, but ServiceAccount ${accountName} is not in the inputs, so whether it carries ${CLIENT_ID} is unknown.`;
      ctx.context.report({ subject, path, status: 'not-assessed', message });
    } else {
      const message = `${subject.display} is labelled ${USE_LABEL}: "true", but ServiceAccount ${accountName} has no ${CLIENT_ID} annotation: no Entra identity is federated with it.`;
      ctx.context.report({ subject, path, message });
    }
    return false;
  }
  if (annotated && !labelled) {
    const message = `ServiceAccount ${accountName} is federated (${CLIENT_ID}), but the pods of ${subject.display} lack the label ${USE_LABEL}: "true", so the webhook projects no token into them.`;
    ctx.context.report({ subject, path, message });
    return false;
  }
  return true;
}

/** The cluster half: a federated workload needs the OIDC issuer and workload identity on the cluster. */
function checkClusterOffer(ctx: Ctx, subject: Subject, path: readonly PathSegment[]): void {
  const { offer } = ctx;
  const uses = `${subject.display} ${subject.kind === 'ServiceAccount' ? 'is federated' : 'uses workload identity'}`;
  if (offer.state === 'on') {
    const message = `${uses}, and ${offer.detail}.`;
    ctx.context.report({ subject, path, status: 'pass', message });
  } else if (offer.state === 'off') {
    const message = `${uses}, but ${offer.detail}: its pods get no Entra token.`;
    ctx.context.report({ subject, path, message });
  } else {
    const message = `${uses}; ${offer.detail}.`;
    ctx.context.report({ subject, path, status: 'not-assessed', message });
  }
}

function checkWorkload(ctx: Ctx, workload: Workload): void {
  const subject = objectSubject(workload.object);
  const account = ctx.accounts.get(`${workload.namespace}/${workload.serviceAccountName}`);
  const usesIdentity = workload.podLabels[USE_LABEL] === 'true' || hasClientId(account);
  if (usesIdentity && checkFederation(ctx, workload, subject, account))
    checkClusterOffer(ctx, subject, labelPath(workload));
  const instead =
    ctx.offer.state === 'on'
      ? `, while workload identity is available (${ctx.offer.detail})`
      : ctx.offer.state === 'off'
        ? `; enable workload identity (${ctx.offer.detail}; see require-workload-identity) and federate the workload instead`
        : '; federate the workload through workload identity instead';
  for (const held of heldAzureCredentials(workload, ctx.secrets)) {
    const message = `${subject.display} holds ${held.what}: a stored Azure credential${instead}.`;
    ctx.context.report({ subject, path: held.path, message });
  }
}

export default defineRule({
  id: 'require-workload-identity-usage',
  title: 'Workloads reach Azure through workload identity, on a cluster that has it on',
  surface: 'secrets',
  severity: 'high',
  rationale:
    'Workload identity only protects the workloads that use it: a pod that still holds a client secret or a ' +
    'storage key keeps a long-lived credential an attacker can take and use from anywhere, even on a ' +
    'cluster with workload identity on. The federation also needs both planes to agree: the service ' +
    'account names the Entra identity (client-id annotation), the pods carry the label the webhook acts ' +
    'on, and the cluster runs the OIDC issuer and the webhook. Any missing half leaves the pod without a ' +
    'token, and teams then fall back to stored secrets.',
  remediation: {
    summary:
      'Federate the workload’s ServiceAccount with a user-assigned managed identity (annotation ' +
      'azure.workload.identity/client-id), label the pods azure.workload.identity/use: "true", grant the ' +
      'identity what the code needs, remove the stored Azure credential and rotate it; enable the OIDC ' +
      'issuer and workload identity on the cluster.',
    az:
      'az aks update -g <rg> -n <cluster> --enable-oidc-issuer --enable-workload-identity; ' +
      'az identity federated-credential create --name <fic> --identity-name <uami> -g <rg> --issuer <oidc-issuer-url> --subject system:serviceaccount:<namespace>:<sa>',
    terraform: 'oidc_issuer_enabled = true\nworkload_identity_enabled = true',
    arm: 'properties.oidcIssuerProfile.enabled: true\nproperties.securityProfile.workloadIdentity.enabled: true',
    manifest:
      '# ServiceAccount\n' +
      'metadata: { annotations: { azure.workload.identity/client-id: <client-id> } }\n' +
      '# pod template\n' +
      "metadata: { labels: { azure.workload.identity/use: 'true' } }",
  },
  reads: ['cluster', 'manifests'],
  peers: {},
  references: [
    GUIDANCE.checklist,
    GUIDANCE.priorityMatrix,
    GUIDANCE.verification,
    {
      title: 'Use Microsoft Entra Workload ID with AKS: service account annotations and pod labels',
      url: 'https://learn.microsoft.com/azure/aks/workload-identity-overview',
    },
    {
      title: 'Migrate from pod-managed identity to workload identity',
      url: 'https://learn.microsoft.com/azure/aks/workload-identity-migrate-from-pod-identity',
    },
  ],
  since: '0.1.0',
  check(context) {
    const { objects } = context.model;
    const ctx: Ctx = {
      context,
      offer: workloadIdentityOffer(context.model.clusters),
      accounts: indexObjects(objects, 'ServiceAccount'),
      secrets: indexObjects(objects, 'Secret'),
    };
    const workloads = extractWorkloads(objects);
    for (const workload of workloads) checkWorkload(ctx, workload);
    // Federated accounts no workload in the inputs runs as still need the cluster half.
    const used = new Set(workloads.map((w) => `${w.namespace}/${w.serviceAccountName}`));
    for (const [key, account] of ctx.accounts) {
      if (used.has(key) || !hasClientId(account)) continue;
      checkClusterOffer(ctx, objectSubject(account), ['metadata', 'annotations', CLIENT_ID]);
    }
  },
});
