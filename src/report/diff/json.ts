/** @module `aksward diff -f json`: the changes as one JSON document. */
import type { DiffResult } from '../../engine/diff.js';
import type { Render } from '../render.js';
import { jsonText } from '../escape.js';

export const renderDiffJson: Render<DiffResult> = ({ changes }, write) => {
  write(`${jsonText(changes)}\n`);
};
