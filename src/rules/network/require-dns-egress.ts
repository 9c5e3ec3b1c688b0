/** @module require-dns-egress: a workload whose egress is restricted can still reach cluster DNS on UDP and TCP 53. */
import { isApplicationNamespace } from '../../model/index.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { podLabelsPath, workloadSubject } from './netpol-rules.js';

const ALLOW_DNS = `egress:
  - to:
      - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }
        podSelector: { matchLabels: { k8s-app: kube-dns } }
    ports: [{ port: 53, protocol: UDP }, { port: 53, protocol: TCP }]`;

export default defineRule({
  id: 'require-dns-egress',
  title: 'Workloads with restricted egress can still reach cluster DNS on UDP and TCP 53',
  surface: 'network',
  severity: 'high',
  rationale:
    'Once a NetworkPolicy restricts a pod’s egress, everything not allowed is dropped, DNS included: the pod ' +
    'cannot resolve service names and fails in ways that push teams to remove the policy altogether. DNS ' +
    'needs UDP 53 and TCP 53 (large answers fall back to TCP) to CoreDNS in kube-system, and the rule must ' +
    'name it the way the pods are labelled: kubernetes.io/metadata.name on the namespace, k8s-app: kube-dns on the pods.',
  remediation: {
    summary:
      'Add an egress rule to the default-deny policy that allows UDP and TCP 53 to the kube-dns pods in kube-system.',
    manifest: ALLOW_DNS,
  },
  reads: ['manifests'],
  peers: {},
  references: [
    GUIDANCE.checklist,
    GUIDANCE.rolloutOrder,
    {
      title: 'Kubernetes: DNS for Services and Pods',
      url: 'https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/',
    },
    {
      title: 'Secure traffic between pods by using network policies in AKS',
      url: 'https://learn.microsoft.com/en-us/azure/aks/use-network-policies',
    },
  ],
  since: '0.1.0',
  needs: ['dns'],
  check(context) {
    const { result, dns, assumed, unionPorts, hasPort, noPorts } = context.analyses.dns;
    const target = assumed ? 'CoreDNS in kube-system (as AKS deploys it)' : 'CoreDNS in kube-system';
    for (const peer of result.peers) {
      if (!isApplicationNamespace(peer.namespace, context.settings.systemNamespaces)) continue;
      // Only pods isolated for egress can lose DNS; a pod no egress policy selects reaches it anyway.
      if (!peer.classes.some((c) => result.compiled.egress[c] !== undefined)) continue;
      const ports = dns.reduce((acc, d) => unionPorts(acc, result.peerConnection(peer, d)), noPorts);
      const missing = (['UDP', 'TCP'] as const).filter((p) => !hasPort(ports, p, 53));
      for (const workload of peer.workloads) {
        const base = { subject: workloadSubject(workload), path: podLabelsPath(workload) };
        if (missing.length === 0) {
          context.report({
            ...base,
            status: 'pass',
            message: `${peer.id} may reach ${target} on UDP and TCP 53.`,
          });
          continue;
        }
        context.report({
          ...base,
          message:
            `${peer.id} has restricted egress that does not allow ${missing.map((p) => `${p} 53`).join(' or ')} ` +
            `to ${target}: ${missing.includes('UDP') ? 'its pods cannot resolve names' : 'large DNS answers (TCP fallback) fail'}.`,
          fix: `Allow DNS in an egress policy selecting ${peer.id}:\n${ALLOW_DNS}`,
        });
      }
    }
  },
});
