/** @module `aksward diff -f json`: the changes as one JSON document. */
import type { DiffResult } from '../../engine/diff.js';
import type { Render } from '../render.js';

export const renderDiffJson: Render<DiffResult> = ({ changes }, write) => {
  write(`${JSON.stringify(changes, null, 2)}\n`);
};
