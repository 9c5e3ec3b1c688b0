/** @module Offsets to 1-based lines and columns, for text read without a YAML parser (JSON). */

/** Offsets where each line starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  let newline = text.indexOf('\n');
  while (newline !== -1) {
    starts.push(newline + 1);
    newline = text.indexOf('\n', newline + 1);
  }
  return starts;
}

/** 1-based line and column of `offset`. */
export function positionAt(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
}
