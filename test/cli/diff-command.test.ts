/** @module Tests for `aksward diff`: unhardened → hardened closes findings, connections and blast radius. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/load/load-inputs.js';
import { diffCommand, diffModels } from '../../src/cli/diff-command.js';

const example = (name: string): string => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));
const load = async (name: string) =>
  (await loadInputs([example(name)], { cwd: example(name), kubectl: false })).model;

describe('diff command', () => {
  it('reports what hardening closed', async () => {
    const before = await load('unhardened');
    const after = await load('hardened');
    const diff = diffModels(before, after, '2026-11-23');
    expect(diff.findings.closed).toContain('no-exposed-path-to-secrets fail Deployment/shop/web');
    expect(diff.findings.closed).toContain('no-stolen-token-from-internet fail Deployment/shop/web');
    expect(diff.reachability.closed.some((c) => c.startsWith('shop/web → shop/db '))).toBe(true);
    expect(diff.blastRadius['workload:shop/web']?.closed).toContain('secrets in namespace shop');
    expect(diffModels(before, before, '2026-11-23').findings).toEqual({ opened: [], closed: [] });
  });

  it('prints a table', async () => {
    let out = '';
    const model = await load('unhardened');
    const code = diffCommand(
      model,
      model,
      { today: '2026-11-23' },
      { out: (s) => (out += s), err: () => {}, stdoutIsTTY: false, env: {} },
    );
    expect(code).toBe(0);
    expect(out).toContain('Findings: 0 opened, 0 closed');
  });
});
