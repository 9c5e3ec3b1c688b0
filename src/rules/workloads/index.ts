/** @module The workloads rules, in id order. */
import type { AnyRule } from '../define-rule.js';
import requireAzurePolicy from './require-azure-policy.js';
import requireDeploymentSafeguards from './require-deployment-safeguards.js';
import requireImageCleaner from './require-image-cleaner.js';
import requireImageIntegrity from './require-image-integrity.js';

export const rules: readonly AnyRule[] = [
  requireAzurePolicy,
  requireDeploymentSafeguards,
  requireImageCleaner,
  requireImageIntegrity,
];
