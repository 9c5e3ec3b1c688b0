/** @module YAML parsing as the Kubernetes API server decodes manifests (sigs.k8s.io/yaml over go-yaml v2). */
import type { Document, ParseOptions, DocumentOptions, SchemaOptions } from 'yaml';
import { LineCounter, parseDocument } from 'yaml';
import { describeConversionError, describeYamlError } from '../parse-errors.js';

/**
 * YAML 1.1 rules, as go-yaml v2: `yes/no/on/off/y/n` are booleans and `0755` is octal. Two 1.1 types
 * go-yaml does not produce are dropped: timestamps (go-yaml v2 decodes them into `interface{}` as
 * strings, so `date: 2024-01-01` stays a string) and base-60 numbers (`1:20` stays a string).
 */
const OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  prettyErrors: false,
  // The library's warnings go to process.emitWarning and quote the input (a map used as a key is
  // printed whole): none reaches the terminal; errors are read from the document.
  logLevel: 'error',
  customTags: (tags) =>
    tags.filter((tag) => {
      if (typeof tag === 'string') return true;
      return !tag.tag.endsWith(':timestamp') && tag.format !== 'TIME';
    }),
};

export interface ParsedYaml {
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
}

/** Parses one document's text (the caller split the stream). Never throws; errors are on the document. */
export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { ...OPTIONS, lineCounter });
  return { document, lineCounter };
}

export interface YamlProblem {
  readonly message: string;
  /** Offset in the parsed text. */
  readonly offset: number;
}

/** The first syntax error, by its code: the library's message and context snippet can quote a secret value. */
export function firstError(parsed: ParsedYaml): YamlProblem | undefined {
  const [error] = parsed.document.errors;
  if (error === undefined) return undefined;
  const more = parsed.document.errors.length - 1;
  const suffix = more > 0 ? ` (and ${more} more error${more === 1 ? '' : 's'})` : '';
  return { message: `${describeYamlError(error)}${suffix}`, offset: error.pos[0] };
}

/**
 * Converts to plain values, capping alias expansion (the "billion laughs" attack). A value over the
 * cap yields `{ limit: true }`; any other conversion failure yields its message.
 */
export function toPlainValue(
  parsed: ParsedYaml,
  maxAliasCount: number,
): { value: unknown } | { limit: true } | { error: string } {
  try {
    return { value: parsed.document.toJS({ maxAliasCount }) };
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) return { limit: true };
    return { error: describeConversionError(error) };
  }
}
