/** @module The `paths` renderers on the examples: narrative order, formats and --from. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { paths } from '../../../src/engine/paths.js';
import type { PathsFormat } from '../../../src/report/paths/index.js';
import { pathsRenderers } from '../../../src/report/paths/index.js';
import { landingJson } from '../../../src/report/paths/json.js';
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
