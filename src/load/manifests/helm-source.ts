/** @module Helm output (`helm template ... | aksward scan -`): each document opens with `# Source: <chart>/templates/<file>`. */
import { isBlankOrComment } from './split-documents.js';

const SOURCE = /^#\s*Source:\s*(\S.*?)\s*$/;

/** The template a rendered document came from, read from the comments before its content (its first 64 lines). */
export function helmTemplate(documentText: string): string | undefined {
  let start = 0;
  for (let count = 0; count < 64 && start <= documentText.length; count += 1) {
    const newline = documentText.indexOf('\n', start);
    // As `split('\n', 64)`: the last piece runs to the end of the text.
    const rawLine = documentText.slice(start, newline === -1 ? documentText.length : newline);
    start = newline === -1 ? documentText.length + 1 : newline + 1;
    const line = rawLine.replace(/\r$/, '');
    if (/^---\s*$/.test(line)) continue;
    if (!isBlankOrComment(line)) return undefined;
    const match = SOURCE.exec(line.trim());
    if (match?.[1] !== undefined) return match[1];
  }
  return undefined;
}

/** True when a stream is `helm template` output: some document is headed by a `# Source:` comment. */
export function isHelmOutput(text: string): boolean {
  return /^#\s*Source:\s*\S/m.test(text);
}
