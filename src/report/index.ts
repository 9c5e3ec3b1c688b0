/** @module The report formats by name, as `--format` spells them. */
import type { Formatter } from './formatter.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatTerminal } from './terminal.js';

export type { Formatter, ReportContext } from './formatter.js';

export const FORMAT_NAMES = ['table', 'json', 'sarif', 'markdown', 'junit'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export const formatters: Readonly<Record<FormatName, Formatter>> = {
  table: formatTerminal,
  json: formatJson,
  sarif: formatSarif,
  markdown: formatMarkdown,
  junit: formatJunit,
};

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}
