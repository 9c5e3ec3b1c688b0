/** @module The secrets rules, in id order. */
import type { AnyRule } from '../define-rule.js';
import requireKeyvaultCsi from './require-keyvault-csi.js';
import requireKmsEtcdEncryption from './require-kms-etcd-encryption.js';
import requireSecretRotation from './require-secret-rotation.js';
import requireWorkloadIdentity from './require-workload-identity.js';

export const rules: readonly AnyRule[] = [
  requireKeyvaultCsi,
  requireKmsEtcdEncryption,
  requireSecretRotation,
  requireWorkloadIdentity,
];
