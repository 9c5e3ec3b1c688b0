/** @module require-resource-limits: every container has CPU and memory requests and limits, after defaulting. */
import type { Container, KubeObject, Workload } from '../../model/index.js';
import { arrayAt, extractWorkloads, isObject, objectAt, objectSubject, stringAt } from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';
import type { NamespaceIndex } from '../kit/analyses.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { matchAksComponent } from './aks-components.js';

const RESOURCES = ['cpu', 'memory'] as const;
const FIELDS = ['requests', 'limits'] as const;

/** `requests.cpu` → where its value comes from (`LimitRange shop-limits`), for the keys a LimitRange fills. */
type Defaults = ReadonlyMap<string, string>;

function has(map: unknown, key: string): boolean {
  return isObject(map) && map[key] !== undefined && map[key] !== null && map[key] !== '';
}

/**
 * What the LimitRanger admission plugin fills in for a container of this namespace. The API server's
 * defaulting of a `type: Container` item makes `default` fall back to `max`, and `defaultRequest` to
 * `default`, then to `min`.
 */
function limitRangeDefaults(ranges: readonly KubeObject[]): Defaults {
  const out = new Map<string, string>();
  for (const range of ranges) {
    for (const item of arrayAt(objectAt(range.body, 'spec'), 'limits')) {
      if (stringAt(item, 'type') !== 'Container') continue;
      for (const resource of RESOURCES) {
        const source = `LimitRange ${range.name}`;
        if (has(objectAt(item, 'default'), resource) || has(objectAt(item, 'max'), resource))
          out.set(`limits.${resource}`, source);
        if (['defaultRequest', 'default', 'max', 'min'].some((f) => has(objectAt(item, f), resource)))
          out.set(`requests.${resource}`, source);
      }
    }
  }
  return out;
}

/** The missing `requests.cpu`-style keys, and notes on values the API server or a LimitRange supplies. */
function assessContainer(container: Container, defaults: Defaults): { missing: string[]; filled: string[] } {
  const resources = objectAt(container.body, 'resources');
  const missing: string[] = [];
  const filled: string[] = [];
  for (const field of FIELDS) {
    for (const resource of RESOURCES) {
      const key = `${field}.${resource}`;
      if (has(objectAt(resources, field), resource)) continue;
      // The API server defaults a missing request to the container's own limit.
      if (field === 'requests' && has(objectAt(resources, 'limits'), resource)) continue;
      const source = defaults.get(key);
      if (source === undefined) missing.push(key);
      else filled.push(`${key} from ${source}`);
    }
  }
  return { missing, filled };
}

function checkWorkload(context: RuleContext<unknown>, workload: Workload, defaults: Defaults): void {
  const subject = objectSubject(workload.object);
  for (const container of workload.containers) {
    // Ephemeral containers may not set resources: the API rejects them.
    if (container.kind === 'ephemeral') continue;
    const { missing, filled } = assessContainer(container, defaults);
    const path = [...container.path, 'resources'];
    const what = `${subject.display} ${container.kind === 'init' ? 'init container' : 'container'} ${container.name}`;
    if (missing.length === 0) {
      const note = filled.length > 0 ? ` (${filled.join(', ')})` : '';
      context.report({
        subject,
        path,
        status: 'pass',
        message: `${what} sets CPU and memory requests and limits${note}.`,
      });
      continue;
    }
    const message = `${what} sets no ${missing.join(', ')}, and no LimitRange of its namespace supplies a default.`;
    context.report({ subject, path: has(container.body, 'resources') ? path : container.path, message });
  }
}

function defaultsByNamespace(index: NamespaceIndex): (namespace: string) => Defaults {
  const cache = new Map<string, Defaults>();
  return (namespace) => {
    let defaults = cache.get(namespace);
    if (defaults === undefined) {
      defaults = limitRangeDefaults(index.objectsIn('LimitRange', namespace));
      cache.set(namespace, defaults);
    }
    return defaults;
  };
}

export default defineRule({
  id: 'require-resource-limits',
  title: 'Containers set CPU and memory requests and limits',
  surface: 'tenancy',
  severity: 'medium',
  rationale:
    'A container without a memory limit can take a shared node’s memory until the kernel kills its ' +
    'neighbours, and one without a CPU limit can starve them; without requests the scheduler packs pods ' +
    'blind. On a shared cluster that turns one tenant’s bug, or an attacker’s miner in a compromised pod, ' +
    'into an outage for every tenant on the node.',
  remediation: {
    summary:
      'Set resources.requests and resources.limits for cpu and memory on every container, init containers ' +
      'included, or give the namespace a LimitRange whose defaults supply them.',
    manifest: 'resources: { requests: { cpu: 100m, memory: 128Mi }, limits: { cpu: 500m, memory: 256Mi } }',
  },
  reads: ['manifests'],
  peers: { checkov: ['CKV_K8S_10', 'CKV_K8S_11', 'CKV_K8S_12', 'CKV_K8S_13'] },
  references: [
    GUIDANCE.guide,
    {
      title: 'Kubernetes: Resource Management for Pods and Containers',
      url: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    },
    {
      title: 'AKS: Best practices for application developers to manage resources',
      url: 'https://learn.microsoft.com/azure/aks/developer-best-practices-resource-management',
    },
  ],
  since: '0.1.0',
  needs: ['namespaceIndex'],
  check(context) {
    const defaultsOf = defaultsByNamespace(context.analyses.namespaceIndex);
    for (const workload of extractWorkloads(context.model.objects)) {
      // AKS sizes its own components; the user can neither change nor be blamed for them.
      if (matchAksComponent(workload) === 'component') continue;
      checkWorkload(context, workload, defaultsOf(workload.namespace));
    }
  },
});
