/** @module A verb renderer's whole output as one string, and the pieces it was written in. */
import type { Render } from '../../src/report/render.js';

export function renderPieces<R>(render: Render<R>, result: R): string[] {
  const pieces: string[] = [];
  render(result, (text) => pieces.push(text));
  return pieces;
}

export function renderText<R>(render: Render<R>, result: R): string {
  return renderPieces(render, result).join('');
}
