/**
 * @module The one escaping layer for every human-readable output: terminal text, Markdown, XML, Graphviz DOT and the
 * JSON text. Input text (object names, label values, file names, messages quoting them) goes through one of these
 * before it is written, so a name cannot move the cursor, reorder what a reader sees, forge a report line, open HTML
 * or a link, or cost more than a bounded number of characters.
 */

/** A single value (a name, a file, a label value) in a table, text or Markdown cell: longer is cut. */
export const MAX_VALUE_CHARS = 200;
/** A whole sentence or paragraph (a message, a fix, a joined list) that may quote input values. */
export const MAX_TEXT_CHARS = 2000;

/** Cuts `text` to `max` characters with a note of what was left out: `…(+199800 chars)`. Never splits a surrogate pair. */
export function truncate(text: string, max = MAX_VALUE_CHARS): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…(+${text.length - end} chars)`;
}

/**
 * C0/C1 controls, DEL, the bidi marks and overrides and the line/paragraph separators: input text could otherwise
 * move the cursor, recolour the terminal, reorder what the reader sees or break a line. Tab, LF and CR are handled
 * by the callers.
 */
// eslint-disable-next-line no-control-regex -- these controls are exactly what the pattern must find
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visible(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Terminal text that may span lines (messages, fixes): controls escaped, line breaks kept, tabs a space; bounded. */
export function sanitizeText(text: string, max = MAX_TEXT_CHARS): string {
  return truncate(text, max).replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(UNSAFE, visible);
}

/** Terminal text on one line (names, files, paths): line breaks escaped as `\n` too; bounded. */
export function sanitizeLine(text: string, max = MAX_VALUE_CHARS): string {
  return sanitizeText(text, max).replace(/\n/g, '\\n');
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * A Markdown table cell: backslash, backtick, pipe, brackets and emphasis characters are escaped, `<`, `>` and `&`
 * become entities (GitHub renders inline HTML), and line breaks become `<br>` (a raw one ends the row).
 */
export function escapeCell(text: string, max = MAX_TEXT_CHARS): string {
  return sanitizeText(text, max)
    .replace(/[&<>]/g, (c) => ENTITIES[c] ?? c)
    .replace(/([\\`|*_[\]])/g, '\\$1')
    .replace(/\n/g, '<br>');
}

/**
 * Markdown running text on one line (a heading, a list item, a table cell): no HTML (entities), no line break, no
 * table pipe, no code span, link or image (backslash, backtick and brackets escaped); bounded.
 */
export function markdownInline(text: string, max = MAX_VALUE_CHARS): string {
  return sanitizeLine(text, max)
    .replace(/[&<>]/g, (c) => ENTITIES[c] ?? c)
    .replace(/([\\`|[\]])/g, '\\$1');
}

/** A Markdown code span: a fence longer than any backtick run inside, so the value cannot close it; one line, bounded. */
export function markdownCode(text: string, max = MAX_VALUE_CHARS): string {
  const clean = sanitizeLine(text, max);
  const longest = Math.max(0, ...[...clean.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** A fenced Markdown code block (`lang`) that keeps its lines: controls escaped, a fence the text cannot close. */
export function markdownCodeBlock(text: string, lang: string, max = MAX_TEXT_CHARS): string {
  const clean = sanitizeText(text, max);
  const fence = clean.includes('```') ? '~~~~' : '```';
  return `${fence}${lang}\n${clean.replaceAll(fence, fence.replace(/^./, '\\$&'))}\n${fence}`;
}

function dotInner(text: string): string {
  return sanitizeLine(text, MAX_VALUE_CHARS).replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** A Graphviz DOT quoted string of one value: line breaks escaped as `\n` text, controls escaped, bounded. */
export function dotString(text: string): string {
  return `"${dotInner(text)}"`;
}

/** A DOT label of several values, one per line (a raw line break inside the quotes). */
export function dotLabel(...parts: readonly string[]): string {
  return `"${parts.map(dotInner).join('\n')}"`;
}

/** Bidi controls and line separators JSON.stringify leaves raw: written as `\uXXXX` escapes, the value unchanged. */
const JSON_UNSAFE = /[\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same characters, found without a copy: `replace` copies the whole text even when nothing matches. */
const HAS_JSON_UNSAFE = new RegExp(JSON_UNSAFE.source);

/** JSON text, indented by `indent` (0: on one line): values are kept exactly; characters a terminal or editor would act on are escaped. */
export function jsonText(value: unknown, indent = 2): string {
  const text = JSON.stringify(value, null, indent);
  if (!HAS_JSON_UNSAFE.test(text)) return text;
  return text.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Characters XML 1.0 forbids even as character references (C0 controls but tab, LF and CR; lone surrogates;
 * U+FFFE/U+FFFF): a parser rejects the whole file, so they are written out as visible `\xNN` text instead. C1
 * controls and bidi overrides are allowed by XML but act on a terminal showing the file: escaped too.
 */
const XML_FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- these controls are exactly what the pattern must find
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * XML character data. Not truncated: the JUnit file is read by machines, which keep the whole value. A
 * carriage return is written as a reference: raw, a parser turns it into a line feed and a terminal showing
 * the file returns the cursor over the line.
 */
export function escapeXmlText(text: string): string {
  return text
    .replace(XML_FORBIDDEN, visible)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/** One line of XML character data: a line feed inside the value is a reference, so the value cannot start a line of its own. */
export function escapeXmlLine(text: string): string {
  return escapeXmlText(text).replace(/\n/g, '&#10;');
}

/** Attribute values: quotes escaped, and tab/LF/CR as references, which attribute normalisation would flatten. */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

export function xmlAttributes(pairs: Readonly<Record<string, string | number | undefined>>): string {
  return Object.entries(pairs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(String(value))}"`)
    .join('');
}

/** Lines of terminal text, each kept on its own line (a value's line break is escaped) and bounded; `\n`-terminated. */
export function terminalLines(lines: readonly string[]): string {
  return lines.map((line) => `${sanitizeLine(line, MAX_TEXT_CHARS)}\n`).join('');
}
