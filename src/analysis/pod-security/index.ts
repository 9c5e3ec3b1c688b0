/** @module Pod Security Standards, evaluated exactly as Kubernetes' Pod Security Admission does: a pure module. */
export { BASELINE_CAPABILITIES, safeSysctls } from './checks-context.js';
export { LATEST_POLICY_MINOR, evaluatePodSecurity } from './evaluate.js';
export type { AdmissionLevel, EnforcePolicy } from './namespace-policy.js';
export { ENFORCE_LABEL, ENFORCE_VERSION_LABEL, enforcePolicyOf } from './namespace-policy.js';
export { podSecurityInputOf } from './pod-view.js';
export type { CheckId, PodContainer, PodSecurityInput, PodSecurityLevel, Violation } from './types.js';
