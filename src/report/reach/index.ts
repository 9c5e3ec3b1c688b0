/** @module The `reach` formats by name, as `--format` spells them: the one list the CLI offers. */
import type { PairExplanation, ReachConnections } from '../../engine/reach.js';
import type { ScopedExplanation, ScopedReachConnections } from '../../engine/scoped-reach.js';
import type { Render } from '../render.js';
import { renderReachDot } from './dot.js';
import { renderExplanationJson, renderExplanationTable } from './explain.js';
import { renderReachJson } from './json.js';
import { renderReachMarkdown } from './markdown.js';
import { renderReachTable } from './table.js';

import {
  renderScopedExplanationJson,
  renderScopedExplanationTable,
  renderScopedReachDot,
  renderScopedReachJson,
  renderScopedReachMarkdown,
  renderScopedReachTable,
} from './scoped.js';

export { reachWarnings } from './warnings.js';
export { scopedReachWarnings } from './scoped.js';

export const REACH_FORMATS = ['table', 'json', 'dot', 'markdown'] as const;
export type ReachFormat = (typeof REACH_FORMATS)[number];

export const reachRenderers: Readonly<Record<ReachFormat, Render<ReachConnections>>> = {
  table: renderReachTable,
  json: renderReachJson,
  dot: renderReachDot,
  markdown: renderReachMarkdown,
};

/** `--explain` prints a subset of the formats. */
export const explainRenderers: Readonly<Partial<Record<ReachFormat, Render<PairExplanation>>>> = {
  table: renderExplanationTable,
  json: renderExplanationJson,
};

/** The same formats over several cluster scopes. */
export const scopedReachRenderers: Readonly<Record<ReachFormat, Render<ScopedReachConnections>>> = {
  table: renderScopedReachTable,
  json: renderScopedReachJson,
  dot: renderScopedReachDot,
  markdown: renderScopedReachMarkdown,
};

export const scopedExplainRenderers: Readonly<Partial<Record<ReachFormat, Render<ScopedExplanation>>>> = {
  table: renderScopedExplanationTable,
  json: renderScopedExplanationJson,
};
