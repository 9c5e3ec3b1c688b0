/** @module The nodes rules, in id order. */
import type { AnyRule } from '../define-rule.js';
import noNodeSsh from './no-node-ssh.js';
import requireAutoUpgrade from './require-auto-upgrade.js';
import requireCmkDiskEncryption from './require-cmk-disk-encryption.js';
import requireHostEncryption from './require-host-encryption.js';
import requireMaintenanceWindow from './require-maintenance-window.js';
import requireNodeOsUpgrade from './require-node-os-upgrade.js';
import requireSupportedVersion from './require-supported-version.js';
import requireSystemPoolIsolation from './require-system-pool-isolation.js';

export const rules: readonly AnyRule[] = [
  noNodeSsh,
  requireAutoUpgrade,
  requireCmkDiskEncryption,
  requireHostEncryption,
  requireMaintenanceWindow,
  requireNodeOsUpgrade,
  requireSupportedVersion,
  requireSystemPoolIsolation,
];
