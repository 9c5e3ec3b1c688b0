/** @module require-secret-rotation: the Key Vault CSI add-on refreshes mounted secrets when Key Vault rotates them. */
import type { AksCluster } from '../../model/index.js';
import { clusterSubject } from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

/** Rotation is a setting of the add-on: with the add-on off there is nothing to rotate (require-keyvault-csi reports it). */
function assess(context: RuleContext<unknown>, cluster: AksCluster): void {
  const addon = cluster.addons.azureKeyvaultSecretsProvider;
  const subject = clusterSubject(cluster);
  if (addon.state === 'unknown') {
    const message = `the Key Vault CSI add-on: ${addon.reason}`;
    context.report({ subject, path: addon.path, at: addon.at, status: 'not-assessed', message });
    return;
  }
  if (!addon.value) {
    const message = 'not applicable: the Key Vault CSI add-on is off (see require-keyvault-csi).';
    context.report({ subject, path: addon.path, at: addon.at, status: 'pass', message });
    return;
  }
  checkSetting(context, cluster, {
    setting: cluster.addons.secretRotation,
    label: 'Key Vault CSI secret rotation',
    isCompliant: (enabled) => enabled,
    show: (enabled) => (enabled ? 'enabled' : 'disabled'),
  });
}

export default defineRule({
  id: 'require-secret-rotation',
  title: 'The Key Vault CSI add-on rotates mounted secrets',
  surface: 'secrets',
  severity: 'medium',
  rationale:
    'Without rotation the CSI driver reads a secret once, at pod start: a credential rotated in Key Vault after a leak stays valid in every running pod until it restarts, so the old value keeps working for the attacker and the rotation gives a false sense of closure. With rotation on, the driver polls Key Vault and refreshes the mounted value, so revoking a secret in one place reaches the pods.',
  remediation: {
    summary:
      'Turn on secret rotation for the azure-keyvault-secrets-provider add-on (default poll interval 2 minutes).',
    az: 'az aks addon update -g <rg> -n <cluster> --addon azure-keyvault-secrets-provider --enable-secret-rotation',
    terraform: 'key_vault_secrets_provider {\n  secret_rotation_enabled = true\n}',
    arm: "properties.addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation: 'true'",
  },
  reads: ['cluster'],
  peers: { checkov: ['CKV_AZURE_172'] },
  references: [
    GUIDANCE.priorityMatrix,
    {
      title: 'Secrets Store CSI Driver configuration options: autorotation',
      url: 'https://learn.microsoft.com/azure/aks/csi-secrets-store-configuration-options',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      assess(context, cluster);
    });
  },
});
