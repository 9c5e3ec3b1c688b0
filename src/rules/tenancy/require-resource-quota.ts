/** @module require-resource-quota: every application namespace has a ResourceQuota. */
import { isObject, objectAt } from '../../model/index.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkEveryNamespaceHas } from './tenancy-namespaces.js';

export default defineRule({
  id: 'require-resource-quota',
  title: 'Every application namespace has a ResourceQuota',
  surface: 'tenancy',
  severity: 'medium',
  rationale:
    'On a shared cluster the namespace is the tenancy boundary, and without a ResourceQuota nothing bounds ' +
    'what one tenant consumes: a runaway deployment, a fork bomb of Jobs or an attacker mining on a ' +
    'compromised pod can starve every other team of CPU, memory, pods and load balancers. The hardening ' +
    'guidance names quotas as part of making the namespace a real boundary rather than a label.',
  remediation: {
    summary:
      'Add a ResourceQuota to each application namespace bounding requests and limits of CPU and memory, the ' +
      'number of pods, and the Services of type LoadBalancer it may create.',
    manifest:
      'kind: ResourceQuota\n' +
      'spec:\n' +
      '  hard:\n' +
      "    { requests.cpu: '8', requests.memory: 16Gi, limits.cpu: '16', limits.memory: 32Gi, pods: '50', services.loadbalancers: '0' }",
  },
  reads: ['manifests'],
  peers: { trivy: ['KSV-0040'] },
  references: [
    GUIDANCE.guide,
    {
      title: 'Kubernetes: Resource Quotas',
      url: 'https://kubernetes.io/docs/concepts/policy/resource-quotas/',
    },
    {
      title: 'AKS: Best practices for cluster isolation (resource quotas)',
      url: 'https://learn.microsoft.com/azure/aks/operator-best-practices-scheduler#enforce-resource-quotas',
    },
  ],
  since: '0.1.0',
  needs: ['namespaceIndex'],
  check(context) {
    checkEveryNamespaceHas(context, {
      kind: 'ResourceQuota',
      // A quota with no `spec.hard` entry constrains nothing.
      isEffective: (quota) => {
        const hard = objectAt(objectAt(quota.body, 'spec'), 'hard');
        return isObject(hard) && Object.keys(hard).length > 0;
      },
      without: 'nothing bounds the CPU, memory and objects its workloads may take from the other tenants',
    });
  },
});
