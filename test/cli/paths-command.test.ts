/** @module Tests for `aksward paths` on the examples: narrative order, formats and --from. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/load/load-inputs.js';
import { pathsCommand } from '../../src/cli/paths-command.js';
import type { PathsFlags } from '../../src/cli/paths-command.js';
import {
  landingReports,
  landingStarts,
  renderPathsJson,
  renderPathsText,
  writePaths,
} from '../../src/analysis/paths/report.js';

const example = (name: string): string => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));

async function run(name: string, flags: PathsFlags) {
  const { model } = await loadInputs([example(name)], { cwd: example(name), kubectl: false });
  let out = '';
  let err = '';
  const code = pathsCommand(model, flags, {
    out: (s) => (out += s),
    err: (s) => (err += s),
    stdoutIsTTY: false,
    env: {},
  });
  return { code, out, err };
}

describe('paths command', () => {
  it('tells the unhardened breach in the seeds order', async () => {
    const { code, out } = await run('unhardened', {});
    expect(code).toBe(0);
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

  it('rejects an unknown workload or format', async () => {
    expect((await run('unhardened', { from: 'shop/nope' })).code).toBe(2);
    expect((await run('unhardened', { format: 'xml' })).code).toBe(2);
  });
});

describe('paths output, streamed one landing at a time', () => {
  it('writes the same bytes as rendering every landing at once, in json, table and markdown', async () => {
    for (const name of ['unhardened', 'hardened', 'multi-tenant']) {
      const { model } = await loadInputs([example(name)], { cwd: example(name), kubectl: false });
      const reports = landingReports(model);
      const written = (format: 'json' | 'table' | 'markdown'): string => {
        let text = '';
        writePaths(model, landingStarts(model), format, (s) => (text += s));
        return text;
      };
      expect(written('json')).toBe(renderPathsJson(reports));
      expect(JSON.parse(written('json'))).toHaveProperty('landings');
      expect(written('table')).toBe(renderPathsText(model, reports, false));
      expect(written('markdown')).toBe(renderPathsText(model, reports, true));
    }
  });
});
