/**
 * @module Edits of Bicep source that keep its layout: a literal at the setting's line is replaced; a value
 * that comes from a parameter sets the parameter's default (or its `.bicepparam` value); a property that is
 * not written is inserted into the resource body, with the file's indentation.
 */

/** A JSON value as Bicep writes it, indented for a property at `indent`. */
export function bicepLiteral(value: unknown, indent = ''): string {
  if (value === null) return 'null';
  if (typeof value === 'string')
    return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('${', '\\${')}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'object') return 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${inner}${bicepLiteral(item, inner)}`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const key = (k: string): string => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : bicepLiteral(k));
  return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${bicepLiteral(v, inner)}`).join('\n')}\n${indent}}`;
}

const LITERAL = /^(true|false|null|-?\d+|'(?:[^'\\$]|\\.|\$(?!\{))*')$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Offsets of each line start. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The bracket that closes the one at `open` (`{`, `[` or `(`), skipping strings and comments; -1 when unbalanced. */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (text.startsWith("'''", i)) {
      const end = text.indexOf("'''", i + 3);
      if (end === -1) return -1;
      i = end + 2;
    } else if (c === "'") {
      for (i++; i < text.length && text[i] !== "'"; i++) if (text[i] === '\\') i++;
    } else if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) return -1;
      i = end + 1;
    } else if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

interface Block {
  readonly open: number;
  readonly close: number;
}

/** The direct property `key:` of a block: the offset where its value starts. */
function findProperty(text: string, block: Block, key: string): number | undefined {
  let depth = 0;
  const pattern = new RegExp(`^[ \\t]*${key}[ \\t]*:[ \\t]*`);
  let i = block.open + 1;
  while (i < block.close) {
    const lineEnd = text.indexOf('\n', i);
    const end = lineEnd === -1 || lineEnd > block.close ? block.close : lineEnd;
    const line = text.slice(i, end);
    if (depth === 0) {
      const match = pattern.exec(line);
      if (match) return i + match[0].length;
    }
    for (const c of line.replace(/'(?:[^'\\]|\\.)*'/g, "''").replace(/\/\/.*$/, '')) {
      if (c === '{' || c === '[' || c === '(') depth++;
      if (c === '}' || c === ']' || c === ')') depth--;
    }
    i = end + 1;
  }
  return undefined;
}

const indentOf = (text: string, offset: number): string => {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? '';
};

/** The body `{ ... }` of the resource declared at `line` (1-based): after `=`, past any `if (...)`. */
export function resourceBlock(text: string, line: number): Block | undefined {
  const start = lineStarts(text)[line - 1];
  if (start === undefined) return undefined;
  const equals = text.indexOf('=', start);
  if (equals === -1) return undefined;
  let i = equals + 1;
  let parens = 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '(') parens++;
    else if (c === ')') parens--;
    else if (c === '{' && parens === 0) break;
  }
  const close = matchingBrace(text, i);
  return close === -1 ? undefined : { open: i, close };
}

/** The `index`-th object item `{...}` of the array whose `[` is at `open`; undefined when it is not written there. */
function arrayItem(text: string, open: number, index: number): Block | undefined {
  const close = matchingBrace(text, open);
  if (close === -1) return undefined;
  let seen = -1;
  for (let i = open + 1; i < close; i++) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',') continue;
    if (c !== '{') return undefined;
    const end = matchingBrace(text, i);
    if (end === -1) return undefined;
    if (++seen === index) return { open: i, close: end };
    i = end;
  }
  return undefined;
}

/** Sets `path` inside `block` to `value`, inserting the missing objects; undefined if impossible. */
export function setBicepProperty(
  text: string,
  block: Block,
  path: readonly (string | number)[],
  value: unknown,
): string | undefined {
  let current = block;
  for (let depth = 0; depth < path.length; depth++) {
    const key = path[depth];
    if (typeof key !== 'string') return undefined;
    const at = findProperty(text, current, key);
    const rest = path.slice(depth + 1);
    if (at === undefined) {
      if (rest.some((segment) => typeof segment !== 'string')) return undefined;
      const indent = `${indentOf(text, current.open)}  `;
      const nested = rest.reduceRight<unknown>((inner, k) => ({ [String(k)]: inner }), value);
      const insertion = `${indent}${key}: ${bicepLiteral(nested, indent)}\n`;
      const lineStart = text.lastIndexOf('\n', current.close - 1) + 1;
      // `{}` on one line, or a closing brace on its own line
      if (text.slice(lineStart, current.close).trim() !== '')
        return `${text.slice(0, current.close)}\n${insertion}${indentOf(text, current.open)}${text.slice(current.close)}`;
      return `${text.slice(0, lineStart)}${insertion}${text.slice(lineStart)}`;
    }
    if (rest.length === 0) return replaceValueAt(text, at, value);
    const next = rest[0];
    if (typeof next === 'number') {
      if (text[at] !== '[') return undefined;
      const item = arrayItem(text, at, next);
      if (!item) return undefined;
      current = item;
      depth++;
      if (rest.length === 1) return undefined;
      continue;
    }
    if (text[at] !== '{') return undefined;
    const close = matchingBrace(text, at);
    if (close === -1) return undefined;
    current = { open: at, close };
  }
  return undefined;
}

/** Replaces the literal that starts at `at` (up to the end of the line) by `value`; undefined if it is not a literal. */
function replaceValueAt(text: string, at: number, value: unknown): string | undefined {
  const lineEnd = text.indexOf('\n', at);
  const end = lineEnd === -1 ? text.length : lineEnd;
  const written = text.slice(at, end).replace(/\s*(\/\/.*)?$/, '');
  if (!LITERAL.test(written)) return undefined;
  return `${text.slice(0, at)}${bicepLiteral(value, indentOf(text, at))}${text.slice(at + written.length)}`;
}

export type BicepEdit =
  | { readonly kind: 'edited'; readonly text: string }
  /** The value comes from parameter `name`, which has no literal default to patch. */
  | { readonly kind: 'parameter'; readonly name: string }
  | { readonly kind: 'expression'; readonly written: string }
  | { readonly kind: 'not-found' };

/** The value written after `key:` on `line`, when the line holds that property. */
export function valueOnLine(
  text: string,
  line: number,
  key: string,
): { at: number; written: string } | undefined {
  const start = lineStarts(text)[line - 1];
  if (start === undefined) return undefined;
  const end = text.indexOf('\n', start);
  const content = text.slice(start, end === -1 ? text.length : end);
  const match = new RegExp(`^([ \\t]*${key}[ \\t]*:[ \\t]*)(.*?)\\s*(//.*)?$`).exec(content);
  if (!match) return undefined;
  return { at: start + (match[1]?.length ?? 0), written: match[2] ?? '' };
}

/** Patches the literal at `line` for `key`, or the literal default of the parameter it names. */
export function editBicepValue(text: string, line: number, key: string, value: unknown): BicepEdit {
  const found = valueOnLine(text, line, key);
  if (!found) return { kind: 'not-found' };
  if (LITERAL.test(found.written)) {
    const edited = replaceValueAt(text, found.at, value);
    return edited === undefined ? { kind: 'not-found' } : { kind: 'edited', text: edited };
  }
  if (!IDENTIFIER.test(found.written)) return { kind: 'expression', written: found.written };
  const param = new RegExp(`^param[ \\t]+${found.written}[ \\t]+[^=\\n]*=[ \\t]*`, 'm').exec(text);
  if (param) {
    const edited = replaceValueAt(text, param.index + param[0].length, value);
    if (edited !== undefined) return { kind: 'edited', text: edited };
  }
  return { kind: 'parameter', name: found.written };
}

/** Sets `param name = <literal>` in a `.bicepparam` text; undefined when it has no such literal. */
export function editBicepParam(text: string, name: string, value: unknown): string | undefined {
  const param = new RegExp(`^param[ \\t]+${name}[ \\t]*=[ \\t]*`, 'm').exec(text);
  return param ? replaceValueAt(text, param.index + param[0].length, value) : undefined;
}
