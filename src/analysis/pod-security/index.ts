/** @module Pod Security Standards, evaluated exactly as Kubernetes' Pod Security Admission does: a pure module. */
export { safeSysctls } from './checks-context.js';
export { LATEST_POLICY_MINOR, evaluatePodSecurity } from './evaluate.js';
export { enforcePolicyOf } from './namespace-policy.js';
export { podSecurityInputOf } from './pod-view.js';
export type { CheckId, PodSecurityInput, PodSecurityLevel } from './types.js';
