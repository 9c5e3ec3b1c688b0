/** @module The `diff` formats by name, as `--format` spells them: the one list the CLI offers. */
import type { DiffResult } from '../../engine/diff.js';
import type { Render } from '../render.js';
import { renderDiffJson } from './json.js';
import { renderDiffTable } from './table.js';

export const DIFF_FORMATS = ['table', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export const diffRenderers: Readonly<Record<DiffFormat, Render<DiffResult>>> = {
  table: renderDiffTable,
  json: renderDiffJson,
};

/** What diff says on stderr before its answer: the sides whose blast radius it could not compare. */
export function diffWarnings({ radiusNotCompared }: DiffResult): string {
  return radiusNotCompared.length === 0
    ? ''
    : `aksward: blast radius not compared: ${radiusNotCompared.join(' and ')} predate(s) the blastRadius section (schema 1.2)\n`;
}
