/** @module The attack-path rules, in id order. */
import type { AnyRule } from '../define-rule.js';
import noExposedPathToClusterAdmin from './no-exposed-path-to-cluster-admin.js';
import noExposedPathToNode from './no-exposed-path-to-node.js';
import noExposedPathToSecrets from './no-exposed-path-to-secrets.js';
import noStolenTokenFromInternet from './no-stolen-token-from-internet.js';

export const rules: readonly AnyRule[] = [
  noExposedPathToClusterAdmin,
  noExposedPathToNode,
  noExposedPathToSecrets,
  noStolenTokenFromInternet,
];
