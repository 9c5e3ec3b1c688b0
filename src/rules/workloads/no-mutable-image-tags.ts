/** @module no-mutable-image-tags: images are pinned by digest; no tag or `latest` fails, and so does any other tag. */
import * as z from 'zod';
import { defineRule, GUIDANCE } from '../define-rule.js';
import type { ImageReference } from './image-reference.js';
import { AKS_POD_SECURITY } from './references.js';
import { forEachContainerImage } from './container-images.js';

const optionsSchema = z
  .object({
    /** Accept full semantic-version tags (for repositories whose tags are locked, e.g. ACR writeEnabled: false). */
    allowVersionTags: z.boolean().default(false),
  })
  .strict();

type Options = z.infer<typeof optionsSchema>;

/** MAJOR.MINOR.PATCH with an optional `v` and pre-release suffix (`1.4.2`, `v2.0.0-rc.1`, `1.27.3-alpine`). */
const FULL_VERSION = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/;

type Kind = 'digest' | 'floating' | 'version' | 'other';

function kindOf(reference: ImageReference): Kind {
  if (reference.digest !== undefined) return 'digest';
  if (reference.tag === undefined || reference.tag === 'latest') return 'floating';
  return FULL_VERSION.test(reference.tag) ? 'version' : 'other';
}

function describe(kind: Kind, reference: ImageReference): string {
  switch (kind) {
    case 'digest':
      return `is pinned by digest ${reference.digest ?? ''}`;
    case 'floating':
      return reference.tag === undefined
        ? 'has no tag, so it pulls latest: whatever was pushed last'
        : 'uses latest: whatever was pushed last';
    case 'version':
      return `uses the version tag ${reference.tag ?? ''}, a tag, not a digest: the registry can re-point it (unless the repository locks its tags)`;
    case 'other':
      return `uses the mutable tag ${reference.tag ?? ''}: it moves as new images are pushed`;
  }
}

export default defineRule<'no-mutable-image-tags', Options>({
  id: 'no-mutable-image-tags',
  title: 'Images are pinned by digest, never latest or a moving tag',
  surface: 'workloads',
  severity: 'low',
  rationale:
    'A tag is a pointer the registry lets anyone with push rights move. A deployment that pulls by tag can run ' +
    'different code on each node and after each restart, and an attacker who can push to the repository changes ' +
    'what runs without touching a manifest. A digest names exactly one image: what was reviewed and scanned is ' +
    'what runs.',
  remediation: {
    summary:
      'Reference images by digest (image: repo@sha256:…), resolved at release time (az acr repository show -n <acr> --image <repo>:<tag> --query digest). Full version tags pass only with rules.no-mutable-image-tags.options.allowVersionTags: true, for repositories whose tags are locked.',
    az: 'az acr repository update -n <acr> --image <repo>:<tag> --write-enabled false',
    manifest: 'image: myacr.azurecr.io/shop/web@sha256:<digest>\n',
  },
  reads: ['manifests'],
  peers: { checkov: ['CKV_K8S_14', 'CKV_K8S_43'] },
  references: [
    GUIDANCE.guide,
    AKS_POD_SECURITY,
    {
      title: 'Recommendations for tagging and versioning container images (Azure Container Registry)',
      url: 'https://learn.microsoft.com/azure/container-registry/container-registry-image-tag-version',
    },
  ],
  since: '0.1.0',
  parseOptions: (raw) => optionsSchema.parse(raw),
  check(context) {
    forEachContainerImage(context, ({ container, label, subject, where, reference }) => {
      const kind = kindOf(reference);
      const pass = kind === 'digest' || (kind === 'version' && context.options.allowVersionTags);
      context.report({
        ...where,
        ...(pass ? { status: 'pass' as const } : {}),
        message: `${subject.display}: ${label} image "${container.image ?? ''}" ${describe(kind, reference)}.`,
      });
    });
  },
});
