/** @module no-public-load-balancer: LoadBalancer Services are internal unless marked public on purpose. */
import type { KubeObject } from '../../model/index.js';
import { arrayAt, objectSubject, stringAt } from '../../model/index.js';
import { defineRule, GUIDANCE } from '../define-rule.js';

/** The cloud-provider-azure annotation that puts a Service on the internal load balancer. */
const INTERNAL = 'service.beta.kubernetes.io/azure-load-balancer-internal';
/** Marks a public Service as deliberate (an internet-facing ingress controller, say). */
const PUBLIC_ON_PURPOSE = 'aksward.io/public-load-balancer';

const OPEN = new Set(['0.0.0.0/0', '::/0', 'Internet', '*']);

function sourceRanges(service: KubeObject): string[] {
  const fromSpec = arrayAt(service.body['spec'], 'loadBalancerSourceRanges').filter(
    (r) => typeof r === 'string',
  );
  const fromAnnotation = service.annotations['service.beta.kubernetes.io/load-balancer-source-ranges'];
  const annotated =
    fromAnnotation
      ?.split(',')
      .map((r) => r.trim())
      .filter((r) => r !== '') ?? [];
  return [...fromSpec, ...annotated];
}

export default defineRule({
  id: 'no-public-load-balancer',
  title: 'LoadBalancer Services are internal unless marked public on purpose',
  surface: 'network',
  severity: 'medium',
  rationale:
    'On AKS a Service of type LoadBalancer gets a public IP on the cluster’s load balancer unless it is ' +
    'annotated as internal: one line of YAML publishes a database or an admin port to the internet, outside ' +
    'the firewall and the ingress path the platform team controls. Internal by default, and public only where ' +
    'someone decided so, keeps exposure deliberate and reviewable.',
  remediation: {
    summary:
      'Annotate the Service with service.beta.kubernetes.io/azure-load-balancer-internal: "true", or, for a deliberate public endpoint, restrict loadBalancerSourceRanges and annotate aksward.io/public-load-balancer: "true".',
    manifest: 'metadata.annotations: { service.beta.kubernetes.io/azure-load-balancer-internal: "true" }',
  },
  reads: ['manifests'],
  peers: { azurePolicy: ['3fc4dc25'] },
  references: [
    GUIDANCE.guide,
    {
      title: 'Use an internal load balancer with Azure Kubernetes Service (AKS)',
      url: 'https://learn.microsoft.com/en-us/azure/aks/internal-lb',
    },
  ],
  since: '0.1.0',
  check(context) {
    for (const object of context.model.objects) {
      if (object.kind !== 'Service' || stringAt(object.body['spec'], 'type') !== 'LoadBalancer') continue;
      const subject = objectSubject(object);
      if (object.annotations[INTERNAL]?.toLowerCase() === 'true') {
        context.report({
          subject,
          status: 'pass',
          message: `${subject.display} is on the internal load balancer.`,
        });
        continue;
      }
      if (object.annotations[PUBLIC_ON_PURPOSE]?.toLowerCase() === 'true') {
        context.report({
          subject,
          status: 'pass',
          message: `${subject.display} is public on purpose (${PUBLIC_ON_PURPOSE}).`,
        });
        continue;
      }
      const ranges = sourceRanges(object);
      const restricted = ranges.length > 0 && !ranges.some((r) => OPEN.has(r));
      context.report({
        subject,
        path: ['spec', 'type'],
        ...(restricted
          ? {
              severity: 'low' as const,
              severityReason: 'loadBalancerSourceRanges restrict the public IP to the listed ranges',
            }
          : {}),
        message: restricted
          ? `${subject.display} gets a public IP, reachable from ${ranges.join(', ')} only.`
          : `${subject.display} gets a public IP open to the internet: it is not annotated ${INTERNAL}: "true".`,
      });
    }
  },
});
