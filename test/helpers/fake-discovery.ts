/**
 * @module A loopback API server that answers only discovery, so `kubectl apply --dry-run=client` can map
 * kinds offline (it needs discovery, then GETs each object: 404 means "would be created").
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const resource = (name: string, kind: string, namespaced: boolean) => ({
  name,
  singularName: kind.toLowerCase(),
  namespaced,
  kind,
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
});

const RBAC = 'rbac.authorization.k8s.io';
const NETWORKING = 'networking.k8s.io';
const ADMISSION = 'admissionregistration.k8s.io';
const APPS = 'apps';
const SECRETS_STORE = 'secrets-store.csi.x-k8s.io';
const group = (name: string) => ({
  name,
  versions: [{ groupVersion: `${name}/v1`, version: 'v1' }],
  preferredVersion: { groupVersion: `${name}/v1`, version: 'v1' },
});
const resources = (name: string, list: ReturnType<typeof resource>[]) => ({
  kind: 'APIResourceList',
  apiVersion: 'v1',
  groupVersion: `${name}/v1`,
  resources: list,
});
const ANSWERS: Readonly<Record<string, unknown>> = {
  '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] },
  '/api/v1': {
    kind: 'APIResourceList',
    groupVersion: 'v1',
    resources: [
      resource('namespaces', 'Namespace', false),
      resource('serviceaccounts', 'ServiceAccount', true),
      resource('services', 'Service', true),
      resource('secrets', 'Secret', true),
      resource('configmaps', 'ConfigMap', true),
      resource('pods', 'Pod', true),
    ],
  },
  '/apis': {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [group(RBAC), group(NETWORKING), group(ADMISSION), group(APPS), group(SECRETS_STORE)],
  },
  [`/apis/${NETWORKING}/v1`]: resources(NETWORKING, [resource('networkpolicies', 'NetworkPolicy', true)]),
  [`/apis/${ADMISSION}/v1`]: resources(ADMISSION, [
    resource('validatingadmissionpolicies', 'ValidatingAdmissionPolicy', false),
    resource('validatingadmissionpolicybindings', 'ValidatingAdmissionPolicyBinding', false),
  ]),
  // The CRD the Key Vault CSI add-on installs.
  [`/apis/${SECRETS_STORE}/v1`]: resources(SECRETS_STORE, [
    resource('secretproviderclasses', 'SecretProviderClass', true),
  ]),
  [`/apis/${APPS}/v1`]: resources(APPS, [
    resource('deployments', 'Deployment', true),
    resource('statefulsets', 'StatefulSet', true),
    resource('daemonsets', 'DaemonSet', true),
  ]),
  [`/apis/${RBAC}/v1`]: {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: `${RBAC}/v1`,
    resources: [
      resource('roles', 'Role', true),
      resource('rolebindings', 'RoleBinding', true),
      resource('clusterroles', 'ClusterRole', false),
      resource('clusterrolebindings', 'ClusterRoleBinding', false),
    ],
  },
};

export interface FakeDiscovery {
  /** A kubeconfig pointing at the server. */
  readonly kubeconfig: string;
  close(): Promise<void>;
}

export async function startFakeDiscovery(): Promise<FakeDiscovery> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0] ?? '';
    const answer = ANSWERS[path];
    response.setHeader('Content-Type', 'application/json');
    if (answer === undefined) {
      response.statusCode = 404;
      response.end(
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: 'NotFound',
          code: 404,
        }),
      );
      return;
    }
    response.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const dir = mkdtempSync(join(tmpdir(), 'aksward-kubeconfig-'));
  const kubeconfig = join(dir, 'config');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{name: fake, cluster: {server: 'http://127.0.0.1:${port}'}}]`,
      'contexts: [{name: fake, context: {cluster: fake, user: fake}}]',
      'current-context: fake',
      'users: [{name: fake, user: {token: fake}}]',
    ].join('\n'),
  );
  return {
    kubeconfig,
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
}
