/** @module The secrets rules, in id order. */
import type { AnyRule } from '../define-rule.js';
import noAzureCredentialMounts from './no-azure-credential-mounts.js';
import noPlainCredentials from './no-plain-credentials.js';
import noSecretsInEnv from './no-secrets-in-env.js';
import requireKeyvaultCsi from './require-keyvault-csi.js';
import requireKmsEtcdEncryption from './require-kms-etcd-encryption.js';
import requireSecretRotation from './require-secret-rotation.js';
import requireWorkloadIdentity from './require-workload-identity.js';
import requireWorkloadIdentityUsage from './require-workload-identity-usage.js';

export const rules: readonly AnyRule[] = [
  noAzureCredentialMounts,
  noPlainCredentials,
  noSecretsInEnv,
  requireKeyvaultCsi,
  requireKmsEtcdEncryption,
  requireSecretRotation,
  requireWorkloadIdentity,
  requireWorkloadIdentityUsage,
];
