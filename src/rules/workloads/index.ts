/** @module The workloads rules, in id order. */
import type { AnyRule } from '../define-rule.js';
import noAddedCapabilities from './no-added-capabilities.js';
import noHostNamespaces from './no-host-namespaces.js';
import noHostPath from './no-host-path.js';
import noMutableImageTags from './no-mutable-image-tags.js';
import noPrivilegeEscalation from './no-privilege-escalation.js';
import noPrivileged from './no-privileged.js';
import requireAllowedRegistries from './require-allowed-registries.js';
import requireAzurePolicy from './require-azure-policy.js';
import requireDeploymentSafeguards from './require-deployment-safeguards.js';
import requireImageCleaner from './require-image-cleaner.js';
import requireImageIntegrity from './require-image-integrity.js';
import requireNonRoot from './require-non-root.js';
import requireReadOnlyRoot from './require-read-only-root.js';
import requireSeccomp from './require-seccomp.js';

export const rules: readonly AnyRule[] = [
  noAddedCapabilities,
  noHostNamespaces,
  noHostPath,
  noMutableImageTags,
  noPrivilegeEscalation,
  noPrivileged,
  requireAllowedRegistries,
  requireAzurePolicy,
  requireDeploymentSafeguards,
  requireImageCleaner,
  requireImageIntegrity,
  requireNonRoot,
  requireReadOnlyRoot,
  requireSeccomp,
];
