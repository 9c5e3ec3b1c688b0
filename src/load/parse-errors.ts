/**
 * @module The one place parser errors (yaml, JSON.parse, hcl2json) become diagnostic text. A library's
 * message can quote the input (`Block scalar header includes extra characters: |hunter2`, Node's
 * `Unexpected token 'h', "hunter2" is not valid JSON`), and input can be a secret: a message here says
 * the kind of problem from the error's code, and the caller gives file, line and column.
 */
import type { ErrorCode } from 'yaml';

const YAML_PROBLEMS: ReadonlyMap<ErrorCode, string> = new Map<ErrorCode, string>([
  ['ALIAS_PROPS', 'an alias cannot have an anchor or a tag'],
  ['BAD_ALIAS', 'an alias names no anchor'],
  ['BAD_DIRECTIVE', 'a malformed directive'],
  ['BAD_DQ_ESCAPE', 'an invalid escape in a double-quoted string'],
  ['BAD_INDENT', 'wrong indentation'],
  ['BAD_PROP_ORDER', 'an anchor or tag in the wrong place'],
  ['BAD_SCALAR_START', 'a scalar that starts with a reserved character or a malformed block scalar header'],
  ['BLOCK_AS_IMPLICIT_KEY', 'a block collection used as an implicit key'],
  ['BLOCK_IN_FLOW', 'a block collection inside a flow collection'],
  ['DUPLICATE_KEY', 'a duplicate key'],
  ['IMPOSSIBLE', 'an internal parser error'],
  ['KEY_OVER_1024_CHARS', 'an implicit key longer than 1024 characters'],
  ['MISSING_CHAR', 'a missing character (an unclosed quote, bracket or brace)'],
  ['MULTILINE_IMPLICIT_KEY', 'an implicit key spanning lines'],
  ['MULTIPLE_ANCHORS', 'a node with two anchors'],
  ['MULTIPLE_DOCS', 'several documents where one was expected'],
  ['MULTIPLE_TAGS', 'a node with two tags'],
  ['NON_STRING_KEY', 'a key that is not a string'],
  ['RESOURCE_EXHAUSTION', 'too many alias expansions'],
  ['TAB_AS_INDENT', 'a tab used as indentation'],
  ['TAG_RESOLVE_FAILED', 'a tag that cannot be resolved, or a value invalid for its tag'],
  ['UNEXPECTED_TOKEN', 'an unexpected token'],
  ['BAD_COLLECTION_TYPE', 'a collection of the wrong type for its tag'],
]);

/** What a yaml error is, from its code only (the message can quote the value). */
export function describeYamlError(error: { readonly code: string }): string {
  return YAML_PROBLEMS.get(error.code as ErrorCode) ?? `a YAML error (${sanitizeCode(error.code)})`;
}

/** A code is library text, but shown only when it looks like one. */
const sanitizeCode = (code: string): string => (/^[A-Z_]{1,40}$/.test(code) ? code : 'unknown code');

/**
 * A failure while converting a parsed YAML document to values (a tag's own check, such as `!!omap`
 * refusing duplicate keys, thrown with the key in the message): its kind, without the message.
 */
export function describeConversionError(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (message.startsWith('Ordered maps must not include duplicate keys'))
    return 'a duplicate key in an !!omap';
  if (error instanceof RangeError) return 'a document too deeply nested to convert';
  return 'a value that cannot be converted (a tag and a value that do not fit)';
}

/** Node's JSON.parse messages quote the text in newer versions; only the position is kept, if any. */
export function describeJsonError(error: unknown, text: string): { message: string; offset?: number } {
  const message = error instanceof Error ? error.message : '';
  const position = /\bposition (\d+)/.exec(message)?.[1];
  const offset = position === undefined ? undefined : Number(position);
  const kind =
    text.trim() === ''
      ? 'no JSON value (empty text)'
      : /end of (?:JSON )?input/i.test(message)
        ? 'JSON that ends early'
        : 'invalid JSON';
  return offset === undefined || offset > text.length ? { message: kind } : { message: kind, offset };
}

/** hcl2json reports `file:line,col-…: Summary; Detail`; the first one locates the error. */
const HCL_ERROR = /:(\d+),(\d+)(?:-[\d,]+)?: ([^;\]\n]{0,200})/;

/**
 * An hcl2json error as line, column and HCL's summary (`Invalid expression`, `Unclosed configuration
 * block`). The detail after `;` quotes source, and so can a summary with quotes or digits: such a summary
 * is left out.
 */
export function describeHclError(error: unknown): { message: string; line?: number; column?: number } {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const match = HCL_ERROR.exec(text);
  if (!match) return { message: 'HCL syntax error' };
  const summary = (match[3] ?? '').trim();
  const safe = /^[A-Za-z][A-Za-z ,-]{0,79}$/.test(summary);
  return {
    message: safe ? `HCL syntax error: ${summary}` : 'HCL syntax error',
    line: Number(match[1]),
    column: Number(match[2]),
  };
}
