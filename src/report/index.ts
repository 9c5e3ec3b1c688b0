/** @module The report formats by name, as `--format` spells them. */
import type { Formatter, StreamFormatter } from './formatter.js';
import { formatJson, writeJson } from './json.js';
import { formatJunit, writeJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif, writeSarif } from './sarif.js';
import { formatTerminal, writeTerminal } from './terminal.js';

export type { Formatter, ReportContext, StreamFormatter } from './formatter.js';

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

/** A format that is written in one piece, as a `StreamFormatter`. */
function whole(format: Formatter): StreamFormatter {
  return (result, context, write) => {
    write(format(result, context));
  };
}

/** Each format as a `StreamFormatter`: the table, JSON, SARIF and JUnit written a batch of findings at a time, Markdown in one piece. */
export const streamers: Readonly<Record<FormatName, StreamFormatter>> = {
  table: writeTerminal,
  json: writeJson,
  sarif: writeSarif,
  markdown: whole(formatMarkdown),
  junit: writeJunit,
};
