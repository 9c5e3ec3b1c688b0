/** @module A LoadSink that keeps what a loader writes, for the Terraform loader tests. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../../../src/load/diagnostics.js';
import { DEFAULT_LIMITS } from '../../../src/load/limits.js';
import type { LoadSink, Satellite } from '../../../src/load/load-sink.js';
import type { TerraformFile } from '../../../src/load/terraform/load-terraform.js';
import type { AksCluster, Setting } from '../../../src/model/index.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/load/terraform/', import.meta.url));

export interface CollectedSink extends LoadSink {
  readonly clusters: AksCluster[];
  readonly diagnostics: Diagnostic[];
  readonly satellites: Satellite[];
}

export function collectSink(): CollectedSink {
  const clusters: AksCluster[] = [];
  const diagnostics: Diagnostic[] = [];
  const satellites: Satellite[] = [];
  return {
    limits: DEFAULT_LIMITS,
    clusters,
    diagnostics,
    satellites,
    addObject: () => undefined,
    addCluster: (cluster) => clusters.push(cluster),
    addSatellite: (satellite) => satellites.push(satellite),
    addRoleAssignment: () => undefined,
    addRoleDefinition: () => undefined,
    addInlineIgnore: () => undefined,
    addDiagnostic: (diagnostic) => diagnostics.push(diagnostic),
    addInput: () => undefined,
    registerText: () => undefined,
  };
}

/** The files of one fixture folder, named as a user would pass them (relative paths). */
export function fixtureFiles(folder: string): TerraformFile[] {
  const dir = path.join(FIXTURES, folder);
  return readdirSync(dir)
    .sort()
    .map((name) => ({ file: `${folder}/${name}`, text: readFileSync(path.join(dir, name), 'utf8') }));
}

export function fixtureText(file: string): string {
  return readFileSync(path.join(FIXTURES, file), 'utf8');
}

/** A setting with its location flattened, for compact assertions. */
export function brief<T>(setting: Setting<T>): Record<string, unknown> {
  const { at, ...rest } = setting;
  return { ...rest, file: at.file, line: at.line, ...(at.column === undefined ? {} : { column: at.column }) };
}

/** The element at `index`, failing the test when there is none. */
export function nth<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`no element ${index}`);
  return item;
}
