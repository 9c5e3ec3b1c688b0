/** @module A LoadSink that keeps everything in arrays, for the cluster JSON loader tests. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AksCluster } from '../../../src/model/index.js';
import type { Diagnostic } from '../../../src/load/diagnostics.js';
import { DEFAULT_LIMITS } from '../../../src/load/limits.js';
import type { LoadSink, Satellite } from '../../../src/load/load-sink.js';
import type { InputFormat } from '../../../src/load/diagnostics.js';
import { loadClusterJson } from '../../../src/load/cluster-json/load-cluster-json.js';

export interface MemorySink extends LoadSink {
  readonly clusters: AksCluster[];
  readonly satellites: Satellite[];
  readonly diagnostics: Diagnostic[];
  readonly texts: Map<string, string>;
}

export function createMemorySink(): MemorySink {
  const clusters: AksCluster[] = [];
  const satellites: Satellite[] = [];
  const diagnostics: Diagnostic[] = [];
  const texts = new Map<string, string>();
  return {
    limits: DEFAULT_LIMITS,
    clusters,
    satellites,
    diagnostics,
    texts,
    addObject: () => undefined,
    addCluster: (cluster) => clusters.push(cluster),
    addSatellite: (satellite) => satellites.push(satellite),
    addRoleAssignment: () => undefined,
    addRoleDefinition: () => undefined,
    addInlineIgnore: () => undefined,
    addDiagnostic: (diagnostic) => diagnostics.push(diagnostic),
    addInput: () => undefined,
    registerText: (file, text) => texts.set(file, text),
  };
}

export function readFixture(name: string): string {
  return readFileSync(
    fileURLToPath(new URL(`../../fixtures/load/cluster-json/${name}`, import.meta.url)),
    'utf8',
  );
}

/** Loads a fixture (or a text) through the real loader; `file` is the name diagnostics and settings carry. */
export function load(text: string, format: InputFormat, file = 'input.json'): MemorySink & { count: number } {
  const sink = createMemorySink();
  const count = loadClusterJson(text, file, format, sink);
  return Object.assign(sink, { count });
}
