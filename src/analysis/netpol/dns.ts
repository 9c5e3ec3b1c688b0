/**
 * @module Reachability of cluster DNS: CoreDNS in kube-system as the input has it, or, when the input does
 * not (AKS manages it), as AKS deploys it, so egress rules naming it by namespace, pod label or port can be judged.
 */
import type { ClusterModel, KubeObject } from '../../model/index.js';
import { extractWorkloads } from '../../model/index.js';
import type { WorkloadPeer } from './classes.js';
import { analyzeReachability, computeReachability } from './index.js';
import type { Reachability } from './reachability.js';

/** The labels and named ports of the CoreDNS pods AKS runs (`kube-system/coredns`). */
const COREDNS_LABELS = { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', version: 'v20' };

export function managedCoreDns(): KubeObject {
  const body = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: COREDNS_LABELS },
    spec: {
      template: {
        metadata: { labels: COREDNS_LABELS },
        spec: {
          containers: [
            {
              name: 'coredns',
              ports: [
                { name: 'dns', containerPort: 53, protocol: 'UDP' },
                { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
                { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
              ],
            },
          ],
        },
      },
    },
  };
  const at = { file: '<aks-managed coredns>', line: 1 };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    name: 'coredns',
    namespace: 'kube-system',
    labels: COREDNS_LABELS,
    annotations: {},
    body,
    origin: { file: at.file, documentIndex: 0, basePath: [], at },
  };
}

function isCoreDns(labels: Readonly<Record<string, string>>): boolean {
  return labels['k8s-app'] === 'kube-dns';
}

export interface DnsReachability {
  readonly result: Reachability;
  /** The CoreDNS workloads (the input's, or the one AKS manages). */
  readonly dns: readonly WorkloadPeer[];
  /** True when the input has no CoreDNS and the AKS-managed one was assumed. */
  readonly assumed: boolean;
}

/**
 * Reachability with the cluster's DNS in it. When the input has its own CoreDNS this is the model's
 * reachability itself (`computeReachability`, shared with the other analyses: computed once per scan);
 * otherwise the objects plus the AKS-managed CoreDNS, computed afresh.
 */
export function analyzeDnsReachability(model: ClusterModel): DnsReachability {
  const own = extractWorkloads(model.objects).some(
    (w) => w.namespace === 'kube-system' && isCoreDns(w.podLabels),
  );
  const result = own
    ? computeReachability(model)
    : analyzeReachability([...model.objects, managedCoreDns()], model.clusters);
  const dns = result.peers.filter(
    (p) => p.namespace === 'kube-system' && p.workloads.some((w) => isCoreDns(w.podLabels)),
  );
  return { result, dns, assumed: !own };
}
