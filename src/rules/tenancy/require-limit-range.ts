/** @module require-limit-range: every application namespace has a LimitRange. */
import { arrayAt, objectAt } from '../../model/index.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkEveryNamespaceHas } from './tenancy-namespaces.js';

export default defineRule({
  id: 'require-limit-range',
  title: 'Every application namespace has a LimitRange',
  surface: 'tenancy',
  severity: 'low',
  rationale:
    'A LimitRange gives containers that state no requests or limits sane defaults and caps what one ' +
    'container may ask for. Without it a container that forgets its limits runs unbounded on a shared ' +
    'node, and under a ResourceQuota it is even rejected outright, so teams tend to drop the quota instead.',
  remediation: {
    summary:
      'Add a LimitRange of type Container to each application namespace with default and defaultRequest ' +
      'values for CPU and memory, and a max that fits the namespace quota.',
    manifest:
      'kind: LimitRange\n' +
      'spec:\n' +
      '  limits:\n' +
      '    - type: Container\n' +
      '      default: { cpu: 500m, memory: 512Mi }\n' +
      '      defaultRequest: { cpu: 100m, memory: 128Mi }\n' +
      "      max: { cpu: '4', memory: 8Gi }",
  },
  reads: ['manifests'],
  peers: { trivy: ['KSV-0039'] },
  references: [
    GUIDANCE.guide,
    { title: 'Kubernetes: Limit Ranges', url: 'https://kubernetes.io/docs/concepts/policy/limit-range/' },
  ],
  since: '0.1.0',
  needs: ['namespaceIndex'],
  check(context) {
    checkEveryNamespaceHas(context, {
      kind: 'LimitRange',
      isEffective: (range) => arrayAt(objectAt(range.body, 'spec'), 'limits').length > 0,
      without: 'containers without requests or limits get no defaults and no ceiling',
    });
  },
});
