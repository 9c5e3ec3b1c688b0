/** @module require-image-cleaner: Image Cleaner removes unused, vulnerable images from the nodes. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

export default defineRule({
  id: 'require-image-cleaner',
  title: 'Image Cleaner removes stale images from nodes',
  surface: 'workloads',
  severity: 'low',
  rationale:
    'Nodes keep every image they ever pulled. Old images with known vulnerabilities stay cached on disk, where anyone able to create a pod can start one without a registry pull (and without the registry’s scanning) and where image scanners keep reporting them. Image Cleaner (Eraser) removes unused images with known vulnerabilities on a schedule, so the node only carries what it runs.',
  remediation: {
    summary: 'Enable Image Cleaner with a scan interval (for example 48 hours).',
    az: 'az aks update -g <rg> -n <cluster> --enable-image-cleaner --image-cleaner-interval-hours 48',
    terraform: 'image_cleaner_enabled        = true\nimage_cleaner_interval_hours = 48',
    arm: 'properties.securityProfile.imageCleaner: { enabled: true, intervalHours: 48 }',
  },
  reads: ['cluster'],
  peers: { azurePolicy: ['af3c26b2'] },
  references: [
    GUIDANCE.guide,
    {
      title: 'Use Image Cleaner to clean up stale images on your AKS cluster',
      url: 'https://learn.microsoft.com/azure/aks/image-cleaner',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      checkSetting(context, cluster, {
        setting: cluster.security.imageCleaner,
        label: 'Image Cleaner',
        isCompliant: (enabled) => enabled,
        show: (enabled) => (enabled ? 'enabled' : 'disabled'),
      });
    });
  },
});
