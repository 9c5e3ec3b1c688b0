/** @module require-image-integrity: Image Integrity (Ratify) verifies image signatures at admission. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

export default defineRule({
  id: 'require-image-integrity',
  title: 'Image Integrity verifies image signatures',
  surface: 'workloads',
  severity: 'medium',
  rationale:
    'A registry allowlist says where an image comes from, not that it is the image your pipeline built: a pushed-over tag or a compromised build account ships attacker code from a trusted registry. Image Integrity runs Ratify behind Azure Policy and admits only images whose Notation signature verifies against your trust policy, so a tampered or unsigned image never becomes a running container.',
  remediation: {
    summary:
      'Enable Image Integrity (preview) by assigning the “Deploy Image Integrity on Azure Kubernetes Service” policy, then assign the signature-verification policy with your Notation trust store.',
    az: 'az policy assignment create --name aks-image-integrity --policy 5dc99dae-cfb2-42cc-8762-9aae02b74e27 --scope <cluster-resource-id> --mi-system-assigned --location <region>',
    terraform:
      '# azurerm has no attribute for Image Integrity: assign the policy above (azurerm_resource_policy_assignment),\n# or patch the cluster with azapi_update_resource:\n# body = { properties = { securityProfile = { imageIntegrity = { enabled = true } } } }',
    arm: 'properties.securityProfile.imageIntegrity.enabled: true',
  },
  reads: ['cluster'],
  peers: {},
  references: [
    GUIDANCE.priorityMatrix,
    {
      title: 'Use Image Integrity to validate signed images before deploying them to AKS',
      url: 'https://learn.microsoft.com/azure/aks/image-integrity',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      checkSetting(context, cluster, {
        setting: cluster.security.imageIntegrity,
        label: 'Image Integrity',
        isCompliant: (enabled) => enabled,
        show: (enabled) => (enabled ? 'enabled' : 'disabled'),
      });
    });
  },
});
