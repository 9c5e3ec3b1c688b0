/** @module The workloads AKS itself runs in kube-system, so rules about user workloads can leave them alone. */
import type { Workload } from '../../model/index.js';

/**
 * Workloads AKS deploys and reconciles in kube-system: the core (CoreDNS, konnectivity, kube-proxy,
 * metrics-server), networking (Azure CNS/NPM, ip-masq-agent, Cilium, Retina), storage (the Azure
 * Disk/File/Blob CSI node plugins), the cloud node manager, and the add-ons and extensions (Azure Policy,
 * Container Insights / Azure Monitor, Defender, Key Vault Secrets Store CSI, workload identity, Image
 * Cleaner, KEDA, VPA, App Gateway ingress, cost analysis, cluster extensions).
 */
const AKS_COMPONENTS = new Set([
  'coredns',
  'coredns-autoscaler',
  'konnectivity-agent',
  'konnectivity-agent-autoscaler',
  'tunnelfront',
  'aks-link',
  'kube-proxy',
  'metrics-server',
  'azure-cns',
  'azure-cns-win',
  'azure-npm',
  'azure-npm-win',
  'azure-ip-masq-agent',
  'ip-masq-agent',
  'cilium',
  'cilium-operator',
  'hubble-relay',
  'retina-agent',
  'retina-operator',
  'cloud-node-manager',
  'cloud-node-manager-windows',
  'csi-azuredisk-node',
  'csi-azuredisk-node-win',
  'csi-azurefile-node',
  'csi-azurefile-node-win',
  'csi-blob-node',
  'azure-policy',
  'azure-policy-webhook',
  'omsagent',
  'omsagent-rs',
  'omsagent-win',
  'ama-logs',
  'ama-logs-rs',
  'ama-logs-windows',
  'ama-metrics',
  'ama-metrics-ksm',
  'ama-metrics-node',
  'ama-metrics-win-node',
  'ama-metrics-operator-targets',
  'microsoft-defender-collector-ds',
  'microsoft-defender-collector-misc',
  'microsoft-defender-publisher-ds',
  'aks-secrets-store-csi-driver',
  'aks-secrets-store-csi-driver-windows',
  'aks-secrets-store-provider-azure',
  'aks-secrets-store-provider-azure-windows',
  'azure-wi-webhook-controller-manager',
  'eraser-controller-manager',
  'keda-operator',
  'keda-operator-metrics-apiserver',
  'keda-admission-webhooks',
  'vpa-admission-controller',
  'vpa-recommender',
  'vpa-updater',
  'ingress-appgw-deployment',
  'cost-analysis-agent',
  'extension-agent',
  'extension-operator',
]);

/** AKS pulls its components from the Microsoft Container Registry; nothing else in this list comes from elsewhere. */
const AKS_REGISTRY = 'mcr.microsoft.com/';

export type AksComponentMatch = 'component' | 'impostor' | 'none';

/**
 * `component` when the workload sits in kube-system, carries the name of an AKS component and runs only
 * MCR images; `impostor` when the name matches but an image comes from elsewhere (a user workload
 * borrowing a trusted name); otherwise `none`.
 */
export function matchAksComponent(workload: Workload): AksComponentMatch {
  if (workload.namespace !== 'kube-system' || !AKS_COMPONENTS.has(workload.name)) return 'none';
  const fromMcr = workload.containers.every((c) => c.image?.startsWith(AKS_REGISTRY) === true);
  return fromMcr ? 'component' : 'impostor';
}
