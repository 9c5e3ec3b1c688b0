/** @module References the workload rules share. */
import type { Reference } from '../types.js';

export const POD_SECURITY_STANDARDS: Reference = {
  title: 'Kubernetes: Pod Security Standards',
  url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
};

export const SECURITY_CONTEXT: Reference = {
  title: 'Kubernetes: Configure a Security Context for a Pod or Container',
  url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
};

export const AKS_POD_SECURITY: Reference = {
  title: 'AKS: Best practices for pod security',
  url: 'https://learn.microsoft.com/azure/aks/developer-best-practices-pod-security',
};
