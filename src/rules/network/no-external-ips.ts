/** @module no-external-ips: Services do not set `spec.externalIPs`. */
import { arrayAt, objectSubject } from '../../model/index.js';
import { defineRule, GUIDANCE } from '../define-rule.js';

export default defineRule({
  id: 'no-external-ips',
  title: 'Services do not use externalIPs',
  surface: 'network',
  severity: 'medium',
  rationale:
    'Any user who can create a Service with spec.externalIPs makes kube-proxy capture traffic for those ' +
    'addresses on every node (CVE-2020-8554): a tenant can intercept connections meant for another service ' +
    'or an external host, a man-in-the-middle inside the cluster. AKS exposes services through load ' +
    'balancers instead; externalIPs are rarely needed and should be blocked by admission.',
  remediation: {
    summary:
      'Remove spec.externalIPs and expose the Service through an (internal) LoadBalancer or an Ingress; deny externalIPs at admission (Azure Policy / Gatekeeper).',
    manifest: 'remove spec.externalIPs',
  },
  reads: ['manifests'],
  peers: { trivy: ['KSV-0108'] },
  references: [
    GUIDANCE.guide,
    {
      title: 'CVE-2020-8554: man in the middle using LoadBalancer or ExternalIPs',
      url: 'https://github.com/kubernetes/kubernetes/issues/97076',
    },
    {
      title: 'Kubernetes: Service external IPs',
      url: 'https://kubernetes.io/docs/concepts/services-networking/service/#external-ips',
    },
  ],
  since: '0.1.0',
  check(context) {
    for (const object of context.model.objects) {
      if (object.kind !== 'Service') continue;
      const ips = arrayAt(object.body['spec'], 'externalIPs');
      const subject = objectSubject(object);
      if (ips.length === 0) {
        context.report({ subject, status: 'pass', message: `${subject.display} sets no externalIPs.` });
        continue;
      }
      context.report({
        subject,
        path: ['spec', 'externalIPs'],
        message: `${subject.display} claims externalIPs ${ips.map(String).join(', ')}: nodes capture traffic to those addresses for it.`,
      });
    }
  },
});
