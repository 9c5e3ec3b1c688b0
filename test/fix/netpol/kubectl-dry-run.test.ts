/**
 * `kubectl apply --dry-run=client` on every generated file. Client-side apply still asks the API server for
 * its resource list and for the live object, so a loopback server answers discovery and "not found";
 * OpenAPI validation would need the server's schema, so it runs with --validate=false (decoding is still checked).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planNetworkPolicies } from '../../../src/fix/netpol/index.js';
import { loadFlowLogs } from '../../../src/load/flows/index.js';
import { loadInputs } from '../../../src/load/load-inputs.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const KUBECTL = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p));

const DISCOVERY: Readonly<Record<string, unknown>> = {
  '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] },
  '/apis': {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [
      {
        name: 'networking.k8s.io',
        versions: [{ groupVersion: 'networking.k8s.io/v1', version: 'v1' }],
        preferredVersion: { groupVersion: 'networking.k8s.io/v1', version: 'v1' },
      },
    ],
  },
  '/api/v1': { kind: 'APIResourceList', groupVersion: 'v1', resources: [] },
  '/apis/networking.k8s.io/v1': {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: 'networking.k8s.io/v1',
    resources: [
      {
        name: 'networkpolicies',
        singularName: 'networkpolicy',
        namespaced: true,
        kind: 'NetworkPolicy',
        verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      },
    ],
  },
};

describe.skipIf(KUBECTL === undefined)('generated policies pass kubectl apply --dry-run=client', () => {
  let server: Server;
  let dir: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const body = DISCOVERY[(req.url ?? '').split('?')[0] ?? ''];
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          body ?? { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 },
        ),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    dir = mkdtempSync(path.join(tmpdir(), 'aksward-kubectl-'));
    writeFileSync(
      path.join(dir, 'kubeconfig'),
      `apiVersion: v1
kind: Config
clusters: [{ name: loopback, cluster: { server: "http://127.0.0.1:${port}" } }]
contexts: [{ name: loopback, context: { cluster: loopback, user: nobody } }]
users: [{ name: nobody, user: {} }]
current-context: loopback
`,
    );
  });

  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts every file of the unhardened plan (with flows)', async () => {
    const { model } = await loadInputs(['examples/unhardened'], { cwd: ROOT, kubectl: false });
    const { traffic } = await loadFlowLogs(['examples/evidence/unhardened/hubble-flows.jsonl'], {
      cwd: ROOT,
      model,
    });
    const result = planNetworkPolicies(model, { traffic });
    const files = result.namespaces.flatMap((n) => n.steps.flatMap((s) => s.policies));
    expect(files.length).toBeGreaterThan(0);
    for (const policy of files) {
      const file = path.join(dir, policy.file);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, policy.yaml);
      // Asynchronous on purpose: the loopback server answers from this same event loop.
      const { stdout } = await run(
        KUBECTL as string,
        ['apply', '--dry-run=client', '--validate=false', '--cache-dir', path.join(dir, 'cache'), '-f', file],
        { env: { ...process.env, KUBECONFIG: path.join(dir, 'kubeconfig') }, timeout: 60_000 },
      );
      expect(stdout.trim()).toBe(`networkpolicy.networking.k8s.io/${policy.name} created (dry run)`);
    }
  });

  it('rejects a file that does not decode, so the check can fail', async () => {
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: [x] }\n');
    await expect(
      run(
        KUBECTL as string,
        ['apply', '--dry-run=client', '--validate=false', '--cache-dir', path.join(dir, 'cache'), '-f', file],
        {
          env: { ...process.env, KUBECONFIG: path.join(dir, 'kubeconfig') },
          timeout: 60_000,
        },
      ),
    ).rejects.toThrow();
  });
});
