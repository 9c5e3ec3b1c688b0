/**
 * Conformance against np-guard/netpol-analyzer's suite, converted to `../shared/oracles/netpol/<case>/`
 * (see its README). Every case runs in `compat: 'netpol-analyzer'` mode and is compared, as sets, with
 * `expected_ipmerged.json`. The folder is absent from a user's clone: the suite is then skipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeReachability } from '../../../src/analysis/netpol/index.js';
import type { ReachabilityOptions } from '../../../src/analysis/netpol/index.js';
import { toConnectionList } from '../../../src/analysis/netpol/connection-list.js';
import { loadInputs } from '../../../src/load/load-inputs.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const ORACLE = path.resolve(REPO, '..', 'shared', 'oracles', 'netpol');

/**
 * Cases that cannot pass, each with the modelling difference (defensible from the Kubernetes
 * documentation) that makes our answer differ. Such a case must still differ: when it starts to pass,
 * remove it from this list. Empty: every case present passes.
 */
const EXCEPTIONS: Readonly<Record<string, string>> = {};

const cases = existsSync(ORACLE)
  ? readdirSync(ORACLE)
      .filter((name) => existsSync(path.join(ORACLE, name, 'expected_ipmerged.json')))
      .sort()
  : [];

async function difference(
  name: string,
  options: ReachabilityOptions = { compat: 'netpol-analyzer' },
): Promise<{ missing: string[]; extra: string[] }> {
  const input = path.join(ORACLE, name, 'input');
  const { model } = await loadInputs([input], { cwd: input, kubectl: false });
  const result = analyzeReachability(model.objects, model.clusters, options);
  const ours = toConnectionList(result).map((entry) => JSON.stringify(entry));
  const expected = (
    JSON.parse(readFileSync(path.join(ORACLE, name, 'expected_ipmerged.json'), 'utf8')) as unknown[]
  ).map((entry) => JSON.stringify(entry));
  const oursSet = new Set(ours);
  const expectedSet = new Set(expected);
  return {
    missing: expected.filter((e) => !oursSet.has(e)),
    extra: ours.filter((e) => !expectedSet.has(e)),
  };
}

describe.skipIf(!existsSync(ORACLE))('netpol-analyzer oracle (compat mode)', () => {
  it('finds the converted cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(29);
    for (const name of Object.keys(EXCEPTIONS)) expect(cases).toContain(name);
  });

  for (const name of cases) {
    const reason = EXCEPTIONS[name];
    it(reason === undefined ? name : `${name} (known difference: ${reason})`, async () => {
      const { missing, extra } = await difference(name);
      if (reason === undefined) expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      else expect(missing.length + extra.length).toBeGreaterThan(0);
    });
  }

  // Outside compat mode hostNetwork pods are the node (not isolated, not selected): the answers may then
  // differ, but only in cases that have hostNetwork pods.
  it('differs in the default mode only where hostNetwork pods are', async () => {
    const differing: string[] = [];
    for (const name of cases) {
      const { missing, extra } = await difference(name, {});
      if (missing.length + extra.length > 0) differing.push(name);
    }
    const tagged = (name: string) =>
      (
        JSON.parse(readFileSync(path.join(ORACLE, name, 'case.json'), 'utf8')) as { features: string[] }
      ).features.includes('hostNetwork');
    expect(differing.length).toBeGreaterThan(0);
    expect(differing.filter((name) => !tagged(name))).toEqual([]);
  });
});
