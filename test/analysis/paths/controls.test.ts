/** @module Every attack-graph edge names a breaking control that is a rule of the catalogue. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NO_CONTROL, attackGraphOf } from '../../../src/analysis/paths/index.js';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { allRules } from '../../../src/rules/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = path.join(ROOT, 'test/fixtures/paths');

describe('breaking controls', () => {
  it('are rule ids, for every edge of every fixture and example', async () => {
    const ids = new Set(allRules.map((r) => r.id));
    const dirs = [
      ...readdirSync(FIXTURES).map((d) => path.join(FIXTURES, d)),
      ...['unhardened', 'hardened', 'multi-tenant'].map((e) => path.join(ROOT, 'examples', e)),
    ];
    const kinds = new Set<string>();
    for (const dir of dirs) {
      const { model } = await loadInputs([dir], { cwd: dir, kubectl: false });
      for (const edge of attackGraphOf(model).edges) {
        // Only node → kubelet identity has no breaking control in the catalog (IMDS answers the node).
        const known = edge.kind === 'kubelet-identity' ? edge.control === NO_CONTROL : ids.has(edge.control);
        expect(known, `${dir}: ${edge.kind} → ${edge.control}`).toBe(true);
        kinds.add(edge.kind);
      }
    }
    // Every explicit edge kind occurs somewhere (network edges are implicit, in the network layer).
    expect([...kinds].sort()).toEqual([
      'api-from-internet',
      'azure-identity',
      'breakout',
      'cluster-admin',
      'credential-mount',
      'escalation',
      'exposed',
      'kubelet-identity',
      'node-hosts',
      'pod-create',
      'pod-exec',
      'secret-read',
      'token-create',
      'token-mounted',
    ]);
  });
});
