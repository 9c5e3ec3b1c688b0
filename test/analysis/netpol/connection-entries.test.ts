/** @module The streamed connection list equals the whole list, entry for entry, with and without a focus. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeReachability } from '../../../src/analysis/netpol/index.js';
import type { ConnectionEntry, ConnectionFocus } from '../../../src/analysis/netpol/connection-list.js';
import { forEachConnectionEntry, toConnectionList } from '../../../src/analysis/netpol/connection-list.js';
import { loadInputs } from '../../../src/load/load-inputs.js';

const example = (name: string): string =>
  fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url));

describe('forEachConnectionEntry', () => {
  it('visits exactly toConnectionList, in its order, on the examples', async () => {
    for (const name of ['unhardened', 'hardened', 'multi-tenant']) {
      const { model } = await loadInputs([example(name)], { cwd: example(name), kubectl: false });
      const result = computeReachability(model);
      const focuses: ConnectionFocus[] = [
        {},
        { to: result.peers[0]?.id ?? '' },
        { from: result.peers[1]?.id ?? '' },
        { port: { protocol: 'TCP', port: 8080 } },
        { from: '10.0.0.1' },
      ];
      for (const focus of focuses) {
        const visited: ConnectionEntry[] = [];
        forEachConnectionEntry(result, focus, (e) => visited.push(e));
        expect(visited).toEqual(toConnectionList(result, focus));
      }
      expect(toConnectionList(result).length).toBeGreaterThan(0);
    }
  });
});
