/** @module require-workload-identity: the OIDC issuer and workload identity are both on. */
import type { AksCluster, Setting } from '../../model/index.js';
import { clusterSubject, describeSetting } from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { forEachCluster } from '../check-setting.js';

interface Part {
  readonly label: string;
  readonly setting: Setting<boolean>;
}

/** Workload identity needs both: the issuer publishes the token-signing keys, the webhook projects the tokens. */
function assess(context: RuleContext<unknown>, cluster: AksCluster): void {
  const issuer: Part = { label: 'the OIDC issuer', setting: cluster.security.oidcIssuer };
  const identity: Part = { label: 'workload identity', setting: cluster.security.workloadIdentity };
  const subject = clusterSubject(cluster);
  const off = [issuer, identity].filter(({ setting }) => setting.state !== 'unknown' && !setting.value);
  const first = off[0];
  if (first) {
    const said = off.map((part) => `${part.label} is ${describeSetting(part.setting)}`).join('; ');
    const message = `workload identity cannot be used: ${said}.`;
    // Stated when the input itself turns either off; default when only AKS defaults do.
    const basis = off.some(({ setting }) => setting.state === 'stated') ? 'stated' : 'default';
    context.report({ subject, path: first.setting.path, at: first.setting.at, basis, message });
    return;
  }
  for (const { label, setting } of [issuer, identity]) {
    if (setting.state !== 'unknown') continue;
    const message = `${label}: ${setting.reason}`;
    context.report({
      subject,
      path: setting.path,
      at: setting.at,
      status: 'not-assessed',
      basis: 'unknown',
      message,
    });
    return;
  }
  const { path, at } = issuer.setting;
  const message = 'the OIDC issuer and workload identity are both enabled.';
  context.report({ subject, path, at, status: 'pass', message });
}

export default defineRule({
  id: 'require-workload-identity',
  title: 'The OIDC issuer and Microsoft Entra Workload ID are enabled',
  surface: 'secrets',
  severity: 'critical',
  rationale:
    'Without workload identity, a pod that calls Azure (Key Vault, SQL, Storage) needs a stored credential: a client secret or connection string in a Kubernetes Secret or an environment variable. Anyone who can read that Secret, or who lands in the pod, takes a long-lived credential that works from anywhere. Workload identity federates the pod’s service account with an Entra identity, so the pod holds only a short-lived token scoped to that identity and the cluster stores nothing worth stealing.',
  remediation: {
    summary:
      'Enable the OIDC issuer and workload identity on the cluster, then federate each Azure-calling service account with a managed identity.',
    az: 'az aks update -g <rg> -n <cluster> --enable-oidc-issuer --enable-workload-identity',
    terraform: 'oidc_issuer_enabled = true\nworkload_identity_enabled = true',
    arm: 'properties.oidcIssuerProfile.enabled: true\nproperties.securityProfile.workloadIdentity.enabled: true',
  },
  reads: ['cluster'],
  peers: { azurePolicy: ['2cc2e023'] },
  references: [
    GUIDANCE.checklist,
    GUIDANCE.priorityMatrix,
    {
      title: 'Use Microsoft Entra Workload ID with AKS',
      url: 'https://learn.microsoft.com/azure/aks/workload-identity-overview',
    },
    {
      title: 'Deploy and configure workload identity on an AKS cluster',
      url: 'https://learn.microsoft.com/azure/aks/workload-identity-deploy-cluster',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      assess(context, cluster);
    });
  },
});
