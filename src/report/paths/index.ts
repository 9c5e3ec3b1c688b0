/** @module The `paths` formats by name, as `--format` spells them: the one list the CLI offers. */
import type { PathsResult } from '../../engine/paths.js';
import type { Render } from '../render.js';
import { renderPathsDot } from './dot.js';
import { renderPathsJson } from './json.js';
import { renderPathsMarkdown, renderPathsTable } from './text.js';

export const PATHS_FORMATS = ['table', 'json', 'dot', 'markdown'] as const;
export type PathsFormat = (typeof PATHS_FORMATS)[number];

export const pathsRenderers: Readonly<Record<PathsFormat, Render<PathsResult>>> = {
  table: renderPathsTable,
  json: renderPathsJson,
  dot: renderPathsDot,
  markdown: renderPathsMarkdown,
};
