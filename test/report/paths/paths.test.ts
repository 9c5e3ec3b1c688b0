/** @module The `paths` renderers on the examples: narrative order, formats and --from. */
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { paths } from '../../../src/engine/paths.js';
import type { PathsFormat } from '../../../src/report/paths/index.js';
import { pathsRenderers } from '../../../src/report/paths/index.js';
import { landingJson } from '../../../src/report/paths/json.js';
import { jsonText } from '../../../src/report/escape.js';
import { DEFAULT_LIMITS } from '../../../src/load/limits.js';
import { createModelSink } from '../../../src/load/inputs/model-sink.js';
import { loadManifestText } from '../../../src/load/manifests/load-manifest-text.js';
import type { ClusterModel } from '../../../src/model/index.js';
import { randomCluster } from '../../helpers/random-cluster.js';
import { modelOfCluster } from '../../helpers/random-cluster-model.js';
import { renderPieces, renderText } from '../../helpers/render-text.js';

const example = (name: string): string =>
  fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url));

async function run(name: string, flags: { format?: PathsFormat; from?: string }) {
  const { model } = await loadInputs([example(name)], { cwd: example(name), kubectl: false });
  const result = paths(model, flags.from === undefined ? {} : { from: flags.from });
  return { out: renderText(pathsRenderers[flags.format ?? 'table'], result) };
}

describe('paths renderers', () => {
  it('tells the unhardened breach in the seeds order', async () => {
    const { out } = await run('unhardened', {});
    const order = [
      'OPEN    a service account token is mounted',
      'OPEN    the service account is bound to broad rights',
      'OPEN    secrets are readable',
      'OPEN    other workloads (the database) are reachable',
      'OPEN    the token is usable from outside',
    ].map((s) => out.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(out).toContain('Landing on workload shop/web');
    expect(out).toContain('secrets in namespace shop [secrets], 2 step(s)');
    // Secret values never appear.
    expect(out).not.toContain('sk_live');
    expect(out).not.toContain('VW5oYXJk');
  });

  it('shows every hardened step blocked by its control', async () => {
    const { out } = await run('hardened', { format: 'markdown' });
    expect(out).toContain(
      '- **blocked** a service account token is mounted in the pod: blocked by `no-automount-token`',
    );
    expect(out).toContain('blocked by `require-default-deny`');
    expect(out).toContain('`require-private-cluster`');
    expect(out).not.toContain('**open**');
  });

  it('renders json and dot, and starts --from any workload', async () => {
    const json = JSON.parse((await run('unhardened', { format: 'json' })).out) as {
      landings: { workload: string }[];
    };
    expect(json.landings.map((l) => l.workload)).toEqual(['workload:shop/web']);
    const dot = (await run('unhardened', { format: 'dot' })).out;
    expect(dot).toContain(
      '"workload:shop/web" -> "token:shop/default" [label="token-mounted (no-automount-token)"]',
    );
    const from = JSON.parse(
      (await run('unhardened', { format: 'json', from: 'kube-system/log-agent' })).out,
    ) as {
      landings: { workload: string; paths: { targetKind: string; steps: unknown[] }[] }[];
    };
    expect(from.landings[0]?.paths.find((p) => p.targetKind === 'node')?.steps).toHaveLength(1);
  });

  it('rejects an unknown workload', async () => {
    await expect(run('unhardened', { from: 'shop/nope' })).rejects.toThrow(
      '--from shop/nope: no workload of that namespace/name in the inputs',
    );
    await expect(run('unhardened', { from: 'shop' })).rejects.toThrow(/no workload/);
  });
});

describe('paths output, streamed one landing at a time', () => {
  it('writes JSON that is the whole document stringified, and one piece per landing in table and markdown', async () => {
    for (const name of ['unhardened', 'hardened', 'multi-tenant']) {
      const { model } = await loadInputs([example(name)], { cwd: example(name), kubectl: false });
      const result = paths(model);
      const whole = { landings: [...result.landings()].map(landingJson) };
      expect(renderText(pathsRenderers.json, result)).toBe(`${JSON.stringify(whole, null, 2)}\n`);
      for (const format of ['table', 'markdown'] as const) {
        const pieces = renderPieces(pathsRenderers[format], result);
        expect(pieces).toHaveLength(Math.max(result.starts.length, 1));
      }
    }
  });
});

/** The whole document stringified at once: what the streamed JSON, its step texts made once, must equal. */
function wholeJson(model: ClusterModel): string {
  return `${jsonText({ landings: [...paths(model).landings()].map(landingJson) })}\n`;
}

/** Exposed workloads whose pods use a workload identity named with a bidi override and a line separator. */
const HOSTILE = [
  'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n  namespace: shop\n  annotations:\n    azure.workload.identity/client-id: "id\\u202e\\u2028x"\n',
  ...['web', 'api'].map(
    (name) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  selector: { matchLabels: { app: ${name} } }\n  template:\n    metadata:\n      labels: { app: ${name}, azure.workload.identity/use: "true" }\n    spec:\n      serviceAccountName: app\n      containers: [{ name: c, image: nginx }]\n`,
  ),
  ...['web', 'api'].map(
    (name) =>
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  type: LoadBalancer\n  selector: { app: ${name} }\n  ports: [{ port: 80 }]\n`,
  ),
].join('---\n');

describe('paths JSON, each step written once and reused', () => {
  it('equals the whole document stringified on random real models', () => {
    fc.assert(
      fc.property(randomCluster, (cluster) => {
        const model = modelOfCluster(cluster);
        expect(renderText(pathsRenderers.json, paths(model))).toBe(wholeJson(model));
      }),
      { numRuns: 40 },
    );
  });

  it('equals it with evidence holding a bidi override and a line separator, escaped the same way', () => {
    const sink = createModelSink(DEFAULT_LIMITS);
    loadManifestText(HOSTILE, 'hostile.yaml', sink);
    const { model } = sink.result();
    const out = renderText(pathsRenderers.json, paths(model));
    expect(out).toContain('\\u202e');
    expect(out).not.toContain('\u202e');
    expect(out).toBe(wholeJson(model));
  });
});
