/** Hand-written NetworkPolicy scenarios (test/fixtures/netpol/<scenario>): each semantic point and the upstream e2e cases. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeReachability } from '../../../src/analysis/netpol/index.js';
import type { Reachability, ReachabilityOptions } from '../../../src/analysis/netpol/index.js';
import { toConnectionList } from '../../../src/analysis/netpol/connection-list.js';
import { hasPort, isProtocol } from '../../../src/analysis/netpol/port-set.js';
import { formatPath } from '../../../src/model/index.js';
import type { AksCluster, KubeObject } from '../../../src/model/index.js';
import { clusterFrom } from '../../helpers/cluster-from.js';
import { loadInputs } from '../../../src/load/load-inputs.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/netpol/', import.meta.url));

interface Scenario {
  readonly description: string;
  readonly topology?: string;
  readonly options?: ReachabilityOptions;
  /** ARM `properties` of a cluster definition, when the scenario needs one. */
  readonly cluster?: Readonly<Record<string, unknown>>;
  readonly enforcement?: string;
  readonly problems?: readonly { policy: string; path: string; level: string }[];
}

async function loadScenario(
  dir: string,
): Promise<{ scenario: Scenario; objects: readonly KubeObject[]; clusters: AksCluster[] }> {
  const scenario = JSON.parse(readFileSync(path.join(dir, 'scenario.json'), 'utf8')) as Scenario;
  const files = [
    ...(scenario.topology ? [path.join(FIXTURES, scenario.topology)] : []),
    ...readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => path.join(dir, f)),
  ];
  const { model, diagnostics } = await loadInputs(files, { cwd: dir, kubectl: false });
  expect(diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  const clusters = scenario.cluster ? [clusterFrom(scenario.cluster)] : [];
  return { scenario, objects: model.objects, clusters };
}

/** `probe TCP 80` sections, each a matrix of '.' (allowed), 'X' (denied), '-' (self, not probed). */
function checkTruthTables(result: Reachability, text: string): void {
  const byId = new Map(result.peers.map((p) => [p.id, p]));
  let probe: { protocol: 'TCP' | 'UDP' | 'SCTP'; port: number } | undefined;
  let columns: string[] = [];
  const mismatches: string[] = [];
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/);
    if (line.startsWith('#') || line.trim() === '') continue;
    if (words[0] === 'probe') {
      const protocol = words[1] ?? '';
      if (!isProtocol(protocol)) throw new Error(`bad probe ${line}`);
      probe = { protocol, port: Number(words[2]) };
    } else if (words[0] === 'from\\to') columns = words.slice(1);
    else if (probe) {
      const src = byId.get(words[0] ?? '');
      if (!src) throw new Error(`unknown peer ${words[0] ?? ''}`);
      words.slice(1).forEach((cell, i) => {
        const dst = byId.get(columns[i] ?? '');
        if (!dst) throw new Error(`unknown peer ${columns[i] ?? ''}`);
        if (cell === '-') return;
        const allowed = hasPort(result.peerConnection(src, dst), probe?.protocol ?? 'TCP', probe?.port ?? 0);
        if (allowed !== (cell === '.'))
          mismatches.push(
            `${src.id} -> ${dst.id} ${probe?.protocol ?? ''} ${probe?.port ?? 0}: expected ${cell}`,
          );
      });
    }
  }
  expect(mismatches).toEqual([]);
}

const scenarios = readdirSync(FIXTURES).filter((name) => statSync(path.join(FIXTURES, name)).isDirectory());

describe('NetworkPolicy scenarios', () => {
  it('has the scenarios', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(50);
  });

  for (const name of scenarios.sort()) {
    it(name, async () => {
      const dir = path.join(FIXTURES, name);
      const { scenario, objects, clusters } = await loadScenario(dir);
      const result = analyzeReachability(objects, clusters, scenario.options ?? {});
      const json = path.join(dir, 'expected.json');
      if (existsSync(json)) expect(toConnectionList(result)).toEqual(JSON.parse(readFileSync(json, 'utf8')));
      const txt = path.join(dir, 'expected.txt');
      if (existsSync(txt)) checkTruthTables(result, readFileSync(txt, 'utf8'));
      expect(existsSync(json) || existsSync(txt)).toBe(true);
      if (scenario.enforcement) expect(result.enforcement.state).toBe(scenario.enforcement);
      const problems = result.problems.map((p) => ({
        policy: `${p.policy.namespace ?? 'default'}/${p.policy.name}`,
        path: formatPath(p.path),
        level: p.level,
      }));
      expect(problems).toEqual(scenario.problems ?? []);
    });
  }
});
