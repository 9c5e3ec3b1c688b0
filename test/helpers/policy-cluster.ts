/** Small clusters written as manifests for the NetworkPolicy tests: one-rule policies, loaded from a scratch folder. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadInputs } from '../../src/load/load-inputs.js';
import type { ClusterModel } from '../../src/model/index.js';
import { deploymentYaml } from './deployment-yaml.js';

/** A Deployment `name` of `namespace` (pods labelled `app: <name>`) whose one container serves TCP 8080. */
export function servingDeploymentYaml(namespace: string, name: string): string {
  return deploymentYaml(namespace, name, '{ name: c, image: c:1, ports: [{ containerPort: 8080 }] }');
}

/**
 * A NetworkPolicy of one rule: the pods `podSelector` picks (a flow map, `{}` for all) admit (`Ingress`) or
 * reach (`Egress`) the namespace `peerNamespace`, on `ports` when given (a flow list).
 */
export function namespaceRuleYaml(policy: {
  readonly name: string;
  readonly namespace: string;
  readonly podSelector: string;
  readonly direction: 'Ingress' | 'Egress';
  readonly peerNamespace: string;
  readonly ports?: string;
}): string {
  const list = policy.direction === 'Ingress' ? 'ingress' : 'egress';
  const peer = policy.direction === 'Ingress' ? 'from' : 'to';
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${policy.name}, namespace: ${policy.namespace} }
spec:
  podSelector: ${policy.podSelector}
  policyTypes: [${policy.direction}]
  ${list}:
    - ${peer}: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: ${policy.peerNamespace} } } }]
${policy.ports === undefined ? '' : `      ports: ${policy.ports}\n`}`;
}

/** The model of `documents`, read from one file in a fresh folder (removed once read), with no kubectl. */
export async function loadDocuments(documents: readonly string[]): Promise<ClusterModel> {
  const dir = mkdtempSync(path.join(tmpdir(), 'aksward-policy-cluster-'));
  try {
    writeFileSync(path.join(dir, 'apps.yaml'), documents.join('---\n'));
    const { model, diagnostics } = await loadInputs(['apps.yaml'], { cwd: dir, kubectl: false });
    const errors = diagnostics.filter((d) => d.level === 'error');
    if (errors.length > 0) throw new Error(`the test cluster does not load: ${JSON.stringify(errors)}`);
    return model;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
