/** @module require-allowed-registries: images come only from allowed registries (`registries.allowed`, or ACR and MCR). */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { forEachContainerImage } from './container-images.js';
import { matchesRegistryPattern } from './image-reference.js';
import { AKS_POD_SECURITY } from './references.js';

/**
 * The default allowlist. It should be the ACRs attached to the cluster (`az aks update --attach-acr`), but
 * the cluster model does not carry them yet, so the default is any Azure Container Registry in the public
 * cloud (`<name>.azurecr.io`) plus Microsoft Container Registry.
 */
export const DEFAULT_ALLOWED_REGISTRIES: readonly string[] = ['mcr.microsoft.com', '*.azurecr.io'];

export default defineRule({
  id: 'require-allowed-registries',
  title: 'Images come only from allowed registries (default: mcr.microsoft.com and any <name>.azurecr.io)',
  surface: 'workloads',
  severity: 'high',
  rationale:
    'Whoever controls a registry an image comes from controls the code the cluster runs. Public registries and ' +
    'Docker Hub short names (nginx is docker.io/library/nginx) pull third-party code that nobody scanned or ' +
    'signed, and a typo or a hijacked repository puts an attacker’s image in the cluster. Pulling only from ' +
    'your own Azure Container Registries (where images are imported, scanned and signed) and Microsoft’s ' +
    'registry keeps the supply chain under your control.',
  remediation: {
    summary:
      'Import the images into your Azure Container Registry (az acr import) and reference them there; list the registries you trust under registries.allowed in .aksward.yaml. Without that setting, mcr.microsoft.com and every <name>.azurecr.io registry are allowed (not yet narrowed to the ACRs attached to the cluster).',
    az: 'az acr import -n <acr> --source docker.io/library/nginx:1.27.3 --image nginx:1.27.3',
    manifest: 'containers:\n  - name: web\n    image: myacr.azurecr.io/nginx@sha256:<digest>\n',
  },
  reads: ['manifests'],
  peers: { azurePolicy: ['febd0533'], cis: ['5.1.4'] },
  references: [
    GUIDANCE.checklist,
    GUIDANCE.priorityMatrix,
    GUIDANCE.verification,
    AKS_POD_SECURITY,
    {
      title: 'Azure Policy: Kubernetes cluster containers should only use allowed images',
      url: 'https://learn.microsoft.com/azure/aks/policy-reference',
    },
    {
      title: 'Import container images to a container registry',
      url: 'https://learn.microsoft.com/azure/container-registry/container-registry-import-images',
    },
  ],
  since: '0.1.0',
  check(context) {
    const configured = context.settings.allowedRegistries;
    const allowed = configured ?? DEFAULT_ALLOWED_REGISTRIES;
    const shown = `${allowed.join(', ') || 'none'}${configured === undefined ? ' (the default; set registries.allowed)' : ''}`;
    forEachContainerImage(context, ({ container, label, subject, where, reference }) => {
      const full = `${reference.registry}/${reference.repository}`;
      if (allowed.some((pattern) => matchesRegistryPattern(reference, pattern))) {
        context.report({
          ...where,
          status: 'pass',
          message: `${subject.display}: ${label} pulls ${full} from an allowed registry.`,
        });
        return;
      }
      context.report({
        ...where,
        message: `${subject.display}: ${label} pulls ${full} (image "${container.image ?? ''}") from ${reference.registry}, which is not allowed; allowed: ${shown}.`,
      });
    });
  },
});
