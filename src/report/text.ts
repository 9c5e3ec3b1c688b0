/** @module Small text helpers for the human-readable reports: ANSI styles, wrapping, locations (escaping: escape.ts). */
import type { SourceLocation } from '../model/index.js';

export type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'gray';

// SGR codes with their specific resets, so styles nest (bold inside red keeps the red).
const STYLES: Readonly<Record<Style, readonly [number, number]>> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  gray: [90, 39],
};

export type Paint = (text: string, ...styles: readonly Style[]) => string;

/** A painter that styles with ANSI SGR sequences, or one that returns the text unchanged. */
export function createPaint(color: boolean): Paint {
  if (!color) return (text) => text;
  return (text, ...styles) =>
    text === ''
      ? text
      : styles.reduce((out, style) => `\u001b[${STYLES[style][0]}m${out}\u001b[${STYLES[style][1]}m`, text);
}

/**
 * Greedy word wrap of plain text. Explicit line breaks are kept, and so are runs of spaces inside a line (the
 * reports separate fields with two); a break swallows the spaces it replaces. A word wider than the line stands alone.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const [, gap = '', word = ''] of paragraph.matchAll(/(?<! )( *)([^ ]+)/g)) {
      if (line !== '' && line.length + gap.length + word.length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line === '' ? word : `${line}${gap}${word}`;
      }
    }
    lines.push(line);
  }
  return lines;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** `file:line` (a line below 1 is not shown); rendered Helm output also names its template. */
export function formatLocation(location: SourceLocation): string {
  const line = Number.isInteger(location.line) && location.line >= 1 ? `:${location.line}` : '';
  const at = `${location.file}${line}`;
  return location.template === undefined ? at : `${location.template} (rendered ${at})`;
}
