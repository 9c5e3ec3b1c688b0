/** @module ARM string functions: format, replace, substring, base64, data URIs, URIs, uniqueString, guid... */
import type { ArmFunction, Entry } from './arm-function-kit.js';
import { isInteger, strict } from './arm-function-kit.js';
import { display, formatString } from './arm-format.js';
import { deterministicGuid, uniqueString } from './arm-hash.js';
import { parseJsonText } from './arm-json-text.js';
import { mentionsDeployment } from './arm-resource-functions.js';
import type { Evaluation } from './arm-value.js';
import { checkSize, decided, invalid, MAX_VALUE_WEIGHT, typeName, undecidable } from './arm-value.js';

/** A function of strings only; `name() argument must be a string` otherwise. */
const ofStrings = (
  name: string,
  min: number,
  max: number,
  body: (values: readonly string[]) => Evaluation,
): ArmFunction =>
  strict(name, min, max, (values) => {
    const bad = values.find((v) => typeof v !== 'string');
    return bad === undefined
      ? body(values as string[])
      : invalid(`${name}() takes strings, not ${typeName(bad)}`);
  });

function toStringValue(value: unknown): Evaluation {
  const shown = display(value);
  if (shown !== undefined) return decided(shown);
  // Weighed before serialising: the text of a heavy value may not fit in memory.
  const weighed = checkSize(value);
  return weighed.ok ? checkSize(JSON.stringify(value)) : weighed;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function fromBase64(name: string, text: string): Evaluation {
  if (!BASE64.test(text)) return invalid(`${name}() argument is not base64`);
  return decided(Buffer.from(text, 'base64').toString('utf8'));
}

/** `dataUriToString`: `data:[<media type>][;base64],<data>`, the data base64 or percent-encoded. */
function fromDataUri(text: string): Evaluation {
  const match = /^data:([^,]*?)(;base64)?,(.*)$/s.exec(text);
  if (!match) return invalid('dataUriToString() argument is not a data URI');
  const data = match[3] ?? '';
  return match[2] ? fromBase64('dataUriToString', data) : decodeComponent('dataUriToString', data);
}

function decodeComponent(name: string, text: string): Evaluation {
  try {
    return decided(decodeURIComponent(text));
  } catch (error) {
    if (error instanceof URIError) return invalid(`${name}() argument is not URI-encoded`);
    throw error;
  }
}

/** .NET's Uri.EscapeDataString: everything but RFC 3986 unreserved characters is escaped. */
const escapeDataString = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * `uri(base, relative)` as ARM documents it: after a trailing slash the relative part is appended; otherwise
 * it replaces the last path segment. A relative part that is itself absolute or rooted is left undecided.
 */
function uri([base = '', relative = '']: readonly string[]): Evaluation {
  if (
    /^[a-z][a-z0-9+.-]*:/i.test(relative) ||
    relative.startsWith('/') ||
    relative.startsWith('?') ||
    relative.startsWith('#')
  ) {
    return undecidable('uri() with an absolute or rooted relative part');
  }
  const afterAuthority =
    base.indexOf('//') >= 0 ? base.indexOf('/', base.indexOf('//') + 2) : base.indexOf('/');
  const lastSlash = base.lastIndexOf('/');
  const head = afterAuthority < 0 || lastSlash < afterAuthority ? base : base.slice(0, lastSlash + 1);
  return checkSize(`${head}${relative}`);
}

function padLeft([value, total, pad = ' ']: readonly unknown[]): Evaluation {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return invalid(`padLeft() of ${typeName(value)}`);
  if (!isInteger(total)) return invalid('padLeft() length must be an integer');
  if (typeof pad !== 'string' || pad.length !== 1) return invalid('padLeft() pads with a single character');
  if (total > MAX_VALUE_WEIGHT) return invalid('computed value is too large');
  return decided(text.padStart(total, pad));
}

function replace([text = '', old = '', replacement = '']: readonly string[]): Evaluation {
  if (old === '') return invalid('replace() of an empty string');
  const parts = text.split(old);
  if ((parts.length - 1) * replacement.length + text.length > MAX_VALUE_WEIGHT)
    return invalid('computed value is too large');
  return decided(parts.join(replacement));
}

/** `substring(text, start = 0, length = rest)`: ARM fails when the range leaves the string. */
function substring([text, start = 0, count]: readonly unknown[]): Evaluation {
  if (typeof text !== 'string') return invalid(`substring() of ${typeName(text)}`);
  if (!isInteger(start) || (count !== undefined && !isInteger(count)))
    return invalid('substring() takes integers');
  const length = count ?? text.length - start;
  if (start < 0 || length < 0 || start + length > text.length) {
    return invalid('substring() index and length must refer to a location within the string');
  }
  return decided(text.slice(start, start + length));
}

const split = strict('split', 2, 2, ([text, separator]) => {
  if (typeof text !== 'string') return invalid(`split() of ${typeName(text)}`);
  const separators: readonly unknown[] = Array.isArray(separator) ? separator : [separator];
  const strings = separators.filter((s): s is string => typeof s === 'string');
  if (strings.length !== separators.length) return invalid('split() separators must be strings');
  return decided(strings.reduce<string[]>((parts, s) => parts.flatMap((p) => p.split(s)), [text]));
});

function join([list, separator]: readonly unknown[]): Evaluation {
  if (!Array.isArray(list) || typeof separator !== 'string')
    return invalid('join() takes an array and a string');
  const parts = list.map(display);
  if (parts.some((p) => p === undefined)) return invalid('join() items must be strings, numbers or booleans');
  return checkSize(parts.join(separator));
}

/** `uniqueString`/`guid` of a value holding a deployment placeholder would hash the placeholder: undecided. */
const hashed = (name: string, hash: (values: readonly string[]) => string): ArmFunction =>
  ofStrings(name, 1, Infinity, (values) =>
    values.some(mentionsDeployment)
      ? undecidable(`${name}() of a value that depends on the deployment's subscription or resource group`)
      : decided(hash(values)),
  );

const caseFunction = (name: string, upper: boolean): ArmFunction =>
  ofStrings(name, 1, 1, ([value = '']) => decided(upper ? value.toUpperCase() : value.toLowerCase()));

/** `startsWith`/`endsWith`: case-insensitive, as ARM documents. */
const affix = (name: string, end: boolean): ArmFunction =>
  ofStrings(name, 2, 2, ([text = '', part = '']) =>
    decided(
      end
        ? text.toLowerCase().endsWith(part.toLowerCase())
        : text.toLowerCase().startsWith(part.toLowerCase()),
    ),
  );

export const stringFunctions: readonly Entry[] = [
  ['base64', ofStrings('base64', 1, 1, ([v = '']) => checkSize(Buffer.from(v, 'utf8').toString('base64')))],
  [
    'base64tojson',
    ofStrings('base64ToJson', 1, 1, ([v = '']) => {
      const text = fromBase64('base64ToJson', v);
      return text.ok ? parseJsonText(String(text.value)) : text;
    }),
  ],
  ['base64tostring', ofStrings('base64ToString', 1, 1, ([v = '']) => fromBase64('base64ToString', v))],
  [
    'datauri',
    ofStrings('dataUri', 1, 1, ([v = '']) =>
      checkSize(`data:text/plain;charset=utf8;base64,${Buffer.from(v, 'utf8').toString('base64')}`),
    ),
  ],
  ['datauritostring', ofStrings('dataUriToString', 1, 1, ([v = '']) => fromDataUri(v))],
  ['endswith', affix('endsWith', true)],
  [
    'format',
    strict('format', 1, Infinity, ([pattern, ...rest]) =>
      typeof pattern === 'string'
        ? formatString(pattern, rest)
        : invalid(`format() pattern is ${typeName(pattern)}`),
    ),
  ],
  ['guid', hashed('guid', deterministicGuid)],
  ['join', strict('join', 2, 2, join)],
  ['padleft', strict('padLeft', 2, 3, padLeft)],
  ['replace', ofStrings('replace', 3, 3, replace)],
  ['split', split],
  ['startswith', affix('startsWith', false)],
  ['string', strict('string', 1, 1, ([v]) => toStringValue(v))],
  ['substring', strict('substring', 1, 3, substring)],
  ['tolower', caseFunction('toLower', false)],
  ['toupper', caseFunction('toUpper', true)],
  ['trim', ofStrings('trim', 1, 1, ([v = '']) => decided(v.trim()))],
  ['uniquestring', hashed('uniqueString', uniqueString)],
  ['uri', ofStrings('uri', 2, 2, uri)],
  ['uricomponent', ofStrings('uriComponent', 1, 1, ([v = '']) => checkSize(escapeDataString(v)))],
  [
    'uricomponenttostring',
    ofStrings('uriComponentToString', 1, 1, ([v = '']) => decodeComponent('uriComponentToString', v)),
  ],
];
