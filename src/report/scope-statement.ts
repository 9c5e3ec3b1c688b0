/** @module The cluster scoping as the answers of reach, can-i, who-can and access state it: the words scan uses. */
import type { ReportScope } from './formatter.js';
import { MAX_TEXT_CHARS, sanitizeLine } from './escape.js';
import { describeScopes, hang } from './terminal-sections.js';
import { createPaint } from './text.js';

const LABEL = 'Cluster scopes: ';

/** One line, for formats that do not wrap (Markdown, DOT). */
export function scopeStatement(scopes: readonly ReportScope[]): string {
  return `${LABEL}${describeScopes(scopes)}`;
}

/** Terminal lines, wrapped as scan wraps its inputs section, continuation lines under the text. */
export function scopeStatementLines(scopes: readonly ReportScope[]): string[] {
  return hang(LABEL, sanitizeLine(describeScopes(scopes), MAX_TEXT_CHARS), createPaint(false));
}

/** `a, b`, or `every cluster scope` when the names are all `total` of them. */
export function scopeList(names: readonly string[], total: number): string {
  return names.length === total && total > 1 ? 'every cluster scope' : names.join(', ');
}
