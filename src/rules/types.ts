/** @module The vocabulary shared by rules, the engine and the reports: severities, surfaces, statuses. */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The surfaces in the hardening guidance's order: the order reports print them in. */
export const SURFACES = [
  'api-server',
  'network',
  'identity',
  'k8s-rbac',
  'secrets',
  'workloads',
  'nodes',
  'posture',
  'tenancy',
  'attack-paths',
] as const;
export type Surface = (typeof SURFACES)[number];

export const SURFACE_TITLES: Readonly<Record<Surface, string>> = {
  'api-server': 'API server',
  network: 'Network',
  identity: 'Identity (Azure RBAC)',
  'k8s-rbac': 'Kubernetes RBAC',
  secrets: 'Secrets',
  workloads: 'Workloads',
  nodes: 'Nodes',
  posture: 'Posture',
  tenancy: 'Tenancy',
  'attack-paths': 'Attack paths',
};

/** Higher is worse: used to compare against `--fail-on`. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

/**
 * What a check concluded for one subject.
 * - `pass`: assessed and compliant (counted for coverage, never listed as a finding);
 * - `fail`: assessed and not compliant;
 * - `not-assessed`: the input cannot decide it (the reason is the message);
 * - `provider-managed`: AKS manages it; the user cannot and need not act;
 * - `suppressed`: a failing result hidden by a suppression with a reason.
 */
export type Status = 'pass' | 'fail' | 'not-assessed' | 'provider-managed' | 'suppressed';

/**
 * What decided a result about a cluster setting: the input states the value, AKS (or the Terraform
 * provider) defaults it because the input omits it, or the input cannot decide it. Tests assert it;
 * reports do not print it (the message says it in words).
 */
export type Basis = 'stated' | 'default' | 'unknown';

export interface Reference {
  readonly title: string;
  readonly url?: string;
}

/** Ids other tools use for the same control (CK Checkov, TV Trivy, KS Kubescape, AP Azure Policy, CIS AKS 1.8). */
export interface PeerIds {
  readonly checkov?: readonly string[];
  readonly trivy?: readonly string[];
  readonly kubescape?: readonly string[];
  readonly azurePolicy?: readonly string[];
  readonly cis?: readonly string[];
}

export interface Remediation {
  /** One or two sentences: what to change. */
  readonly summary: string;
  readonly az?: string;
  readonly terraform?: string;
  /** ARM / Bicep property and value. */
  readonly arm?: string;
  /** A manifest change, for Kubernetes-plane rules. */
  readonly manifest?: string;
}
