/** @module The k8s-rbac rules, in id order. */
import type { AnyRule } from '../define-rule.js';
import noAutomountToken from './no-automount-token.js';
import noClusterAdminBinding from './no-cluster-admin-binding.js';
import noDangerousSubjects from './no-dangerous-subjects.js';
import noDefaultServiceAccount from './no-default-service-account.js';
import noEscalationVerbs from './no-escalation-verbs.js';
import noOverprivilegedWorkload from './no-overprivileged-workload.js';
import noPodExecOrCreate from './no-pod-exec-or-create.js';
import noSecretRead from './no-secret-read.js';
import noWildcardRules from './no-wildcard-rules.js';

export const rules: readonly AnyRule[] = [
  noAutomountToken,
  noClusterAdminBinding,
  noDangerousSubjects,
  noDefaultServiceAccount,
  noEscalationVerbs,
  noOverprivilegedWorkload,
  noPodExecOrCreate,
  noSecretRead,
  noWildcardRules,
];
