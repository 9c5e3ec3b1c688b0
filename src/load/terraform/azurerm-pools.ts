/** @module Node pools of an azurerm cluster: `default_node_pool` and `azurerm_kubernetes_cluster_node_pool` resources. */
import type { SourceLocation } from '../../model/index.js';
import type { Lookup, PoolPath, PoolSource } from '../normalize/cluster-source.js';
import { absent, display, stated, type Attribute } from './azurerm-lookups.js';
import type { TfView } from './tf-resource.js';

const SSH_REASON =
  'azurerm has no attribute for node SSH access; set it with az aks nodepool update --ssh-access disabled and scan az aks show';

/** azurerm: `only_critical_addons_enabled` "will taint default node pool with `CriticalAddonsOnly=true:NoSchedule`". */
const CRITICAL_ADDONS_TAINT = 'CriticalAddonsOnly=true:NoSchedule';

interface PoolInput {
  /** The pool body: the `default_node_pool` block, or the node pool resource. */
  readonly view: TfView;
  /** `default_node_pool`, or the resource address: what Lookup paths start with. */
  readonly prefix: string;
  readonly name: string;
  readonly at: SourceLocation;
  readonly isDefault: boolean;
}

function first(input: PoolInput, ...spellings: Attribute[]): Lookup {
  for (const spelling of spellings) {
    const found = stated(input.view, spelling, input.prefix);
    if (found) return found;
  }
  return absent(input.view, spellings[0] ?? [], input.prefix);
}

/** The taints, plus the one `only_critical_addons_enabled` adds to the default pool. */
function taints(input: PoolInput): Lookup {
  const listed = first(input, ['node_taints']);
  if (!input.isDefault) return listed;
  const critical = stated(input.view, ['only_critical_addons_enabled'], input.prefix);
  if (!critical) return listed;
  if (critical.kind !== 'value') return critical;
  if (critical.value !== true && critical.value !== 'true') return listed;
  if (listed.kind === 'unknown') return listed;
  const others = listed.kind === 'value' && Array.isArray(listed.value) ? (listed.value as unknown[]) : [];
  return {
    ...critical,
    value: [...others.filter((t) => t !== CRITICAL_ADDONS_TAINT), CRITICAL_ADDONS_TAINT],
  };
}

function readPool(input: PoolInput, path: PoolPath): Lookup {
  switch (path) {
    case 'mode':
      // azurerm: `default_node_pool` "Specifies configuration for 'System' mode node pool".
      return input.isDefault
        ? { kind: 'value', value: 'System', at: input.at, path: input.prefix }
        : first(input, ['mode']);
    case 'osType':
      return first(input, ['os_type']);
    case 'enableNodePublicIP':
      return first(input, ['node_public_ip_enabled'], ['enable_node_public_ip']);
    case 'securityProfile.sshAccess':
      return { kind: 'unknown', reason: SSH_REASON, at: input.at, path: display(input.prefix, []) };
    case 'enableEncryptionAtHost':
      return first(input, ['host_encryption_enabled'], ['enable_host_encryption']);
    case 'nodeTaints':
      return taints(input);
    case 'nodeLabels':
      return first(input, ['node_labels']);
  }
}

export function poolSource(input: PoolInput): PoolSource {
  return {
    name: input.name,
    at: input.at,
    path: input.prefix,
    get: (path) => readPool(input, path),
  };
}
