/** @module .NET composite formatting as ARM's `format()` applies it: `{index[,alignment][:formatString]}`. */
import type { Evaluation } from './arm-value.js';
import { checkSize, decided, invalid, MAX_VALUE_WEIGHT, typeName, undecidable } from './arm-value.js';

/** How .NET prints a scalar (`string()`, `concat()`, `format()`): booleans as `True`/`False`, null as nothing. */
export function display(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null) return '';
  return undefined;
}

/** Digits grouped by three with `,` (the invariant culture's group separator). */
const group = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function fixed(value: number, decimals: number, grouped: boolean): string {
  const [whole = '', fraction] = Math.abs(value).toFixed(decimals).split('.');
  const sign = value < 0 && Number(`${whole}.${fraction ?? '0'}`) !== 0 ? '-' : '';
  const head = grouped ? group(whole) : whole;
  return fraction === undefined ? `${sign}${head}` : `${sign}${head}.${fraction}`;
}

/**
 * The standard numeric format strings templates use (N, D, X, F, G) and all-zero custom patterns (`000`);
 * any other format string on a number is left undecided rather than imitated.
 */
function formatNumber(value: number, spec: string): string | undefined {
  const standard = /^([NnDdXxFfGg])(\d{0,2})$/.exec(spec);
  if (!standard) return /^0+$/.test(spec) && Number.isInteger(value) ? pad(value, spec.length) : undefined;
  const letter = (standard[1] ?? '').toUpperCase();
  const precision = standard[2] === '' || standard[2] === undefined ? undefined : Number(standard[2]);
  switch (letter) {
    case 'N':
      return fixed(value, precision ?? 2, true);
    case 'F':
      return fixed(value, precision ?? 2, false);
    case 'D':
      return Number.isInteger(value) ? pad(value, precision ?? 0) : undefined;
    case 'X': {
      if (!Number.isInteger(value) || value < 0) return undefined;
      const hex = value.toString(16).padStart(precision ?? 0, '0');
      return standard[1] === 'X' ? hex.toUpperCase() : hex;
    }
    default:
      return precision === undefined ? String(value) : undefined;
  }
}

const pad = (value: number, width: number): string =>
  `${value < 0 ? '-' : ''}${String(Math.abs(value)).padStart(width, '0')}`;

function formatItem(arg: unknown, spec: string | undefined): Evaluation {
  if (typeof arg === 'number' && spec !== undefined && spec !== '') {
    const shown = formatNumber(arg, spec);
    return shown === undefined ? undecidable('format() number format is not supported') : decided(shown);
  }
  // Strings, booleans and null are not IFormattable in .NET: a format string is ignored for them.
  const shown = display(arg);
  return shown === undefined ? undecidable(`format() of ${typeName(arg)}`) : decided(shown);
}

const ITEM = /^\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?(?::(.*))?$/s;

/** One `{...}` item, `inner` being the text between the braces. */
function formatPlaceholder(inner: string, args: readonly unknown[]): Evaluation {
  const match = ITEM.exec(inner);
  if (!match) return invalid('format() placeholder is not {index[,alignment][:format]}');
  const index = Number(match[1]);
  if (index >= args.length) return invalid('format() placeholder has no argument');
  const item = formatItem(args[index], match[3]);
  if (!item.ok) return item;
  const alignment = match[2] === undefined ? 0 : Number(match[2]);
  if (Math.abs(alignment) > MAX_VALUE_WEIGHT) return invalid('computed value is too large');
  const text = String(item.value);
  return decided(alignment >= 0 ? text.padStart(alignment) : text.padEnd(-alignment));
}

/** Composite formatting: items, and `{{`/`}}` escapes; a lone brace is an error, as in .NET. */
export function formatString(pattern: string, args: readonly unknown[]): Evaluation {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if ((c === '{' || c === '}') && pattern.charAt(i + 1) === c) {
      out += c;
      i++;
    } else if (c === '{') {
      const close = pattern.indexOf('}', i);
      if (close < 0) return invalid("format() pattern has an unmatched '{'");
      const item = formatPlaceholder(pattern.slice(i + 1, close), args);
      if (!item.ok) return item;
      out += String(item.value);
      if (out.length > MAX_VALUE_WEIGHT) return invalid('computed value is too large');
      i = close;
    } else if (c === '}') {
      return invalid("format() pattern has an unmatched '}'");
    } else {
      out += c;
    }
  }
  return checkSize(out);
}
