/**
 * @module ARM date functions. `utcNow()` is the deployment's clock: never known offline. `dateTimeAdd` is
 * decided only with an explicit output format aksward reproduces exactly (ARM's documentation contradicts
 * itself about the default format), `dateTimeToEpoch`/`dateTimeFromEpoch` always.
 */
import type { Entry } from './arm-function-kit.js';
import { isInteger, strict } from './arm-function-kit.js';
import type { Evaluation } from './arm-value.js';
import { decided, invalid, typeName, undecidable } from './arm-value.js';

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch of an ISO 8601 date-time with a zone, or undefined. */
function parseDateTime(text: unknown): number | undefined {
  if (typeof text !== 'string' || !ISO_DATE_TIME.test(text)) return undefined;
  const ms = Date.parse(text.replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(ms) ? undefined : ms;
}

const DURATION =
  /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Adds months as .NET's AddMonths does: the day is clamped to the target month's last day. */
function addMonths(ms: number, months: number): number {
  const date = new Date(ms);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, last));
  return date.getTime();
}

function addDuration(ms: number, duration: string): number | undefined {
  const m = DURATION.exec(duration);
  if (!m || duration === 'P' || duration.endsWith('T')) return undefined;
  const sign = m[1] ? -1 : 1;
  const n = (i: number): number => Number(m[i] ?? 0) * sign;
  const months = n(2) * 12 + n(3);
  const days = n(4) * 7 + n(5);
  const seconds = n(6) * 3600 + n(7) * 60 + n(8);
  return addMonths(ms, months) + days * 86_400_000 + Math.round(seconds * 1000);
}

const two = (n: number): string => String(n).padStart(2, '0');

/** The output formats reproduced exactly: round-trip-free ISO forms ('s', 'u', and the custom ISO pattern). */
function formatDateTime(ms: number, format: string): string | undefined {
  const d = new Date(ms);
  const date = `${String(d.getUTCFullYear()).padStart(4, '0')}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  if (format === 'u') return `${date} ${time}Z`;
  if (format === 's') return `${date}T${time}`;
  if (format === 'yyyy-MM-ddTHH:mm:ssZ') return `${date}T${time}Z`;
  if (format === 'yyyy-MM-dd') return date;
  return undefined;
}

function dateTimeAdd([base, duration, format]: readonly unknown[]): Evaluation {
  const ms = parseDateTime(base);
  if (ms === undefined) return invalid('dateTimeAdd() base is not an ISO 8601 date-time');
  if (typeof duration !== 'string') return invalid(`dateTimeAdd() duration is ${typeName(duration)}`);
  const sum = addDuration(ms, duration);
  if (sum === undefined) return invalid('dateTimeAdd() duration is not an ISO 8601 duration');
  if (typeof format !== 'string') return undecidable('dateTimeAdd() without an output format');
  const shown = formatDateTime(sum, format);
  return shown === undefined ? undecidable('dateTimeAdd() output format is not supported') : decided(shown);
}

function dateTimeToEpoch([text]: readonly unknown[]): Evaluation {
  const ms = parseDateTime(text);
  return ms === undefined
    ? invalid('dateTimeToEpoch() argument is not an ISO 8601 date-time')
    : decided(Math.floor(ms / 1000));
}

function dateTimeFromEpoch([seconds]: readonly unknown[]): Evaluation {
  if (!isInteger(seconds) || Math.abs(seconds) > 253_402_300_799)
    return invalid('dateTimeFromEpoch() takes epoch seconds');
  return decided(new Date(seconds * 1000).toISOString().replace('.000Z', 'Z'));
}

export const dateFunctions: readonly Entry[] = [
  ['datetimeadd', strict('dateTimeAdd', 2, 3, dateTimeAdd)],
  ['datetimefromepoch', strict('dateTimeFromEpoch', 1, 1, dateTimeFromEpoch)],
  ['datetimetoepoch', strict('dateTimeToEpoch', 1, 1, dateTimeToEpoch)],
];
