/** @module The identity rules, in id order. */
import type { AnyRule } from '../define-rule.js';
import noBroadCredentialAccess from './no-broad-credential-access.js';
import noLocalAccounts from './no-local-accounts.js';
import requireAzureRbac from './require-azure-rbac.js';
import requireEntraIntegration from './require-entra-integration.js';
import requireManagedIdentity from './require-managed-identity.js';
import requireRbac from './require-rbac.js';

export const rules: readonly AnyRule[] = [
  noBroadCredentialAccess,
  noLocalAccounts,
  requireAzureRbac,
  requireEntraIntegration,
  requireManagedIdentity,
  requireRbac,
];
