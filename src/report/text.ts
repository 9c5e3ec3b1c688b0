/** @module Small text helpers for the human-readable reports: escaping, ANSI styles, wrapping, locations. */
import type { SourceLocation } from '../model/index.js';

/**
 * C0/C1 controls, DEL and the Unicode bidi overrides: input text (a resource name, a YAML value quoted in a
 * message) could otherwise move the cursor, recolour the terminal or reorder what the reader sees.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escapeCodePoint(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Escapes control characters but keeps line breaks (for messages and fixes); tabs become a space. */
export function sanitizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(UNSAFE, escapeCodePoint);
}

/** For single-line fields (subjects, files, paths): line breaks are escaped too. */
export function sanitizeLine(text: string): string {
  return sanitizeText(text).replace(/\n/g, '\\n');
}

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
