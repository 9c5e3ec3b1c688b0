/**
 * @module What `scan --timings` and `fix --timings` print on stderr: the run's time by phase (inputs, analyses,
 * rules, the passes after the rules, the plan, reports, and what no span covers; a phase without spans is left
 * out), then the spans of each phase, slowest first. Garbage collection happens inside the phases; its total is
 * said apart.
 */
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import type { TimingEntry, TimingGroup } from '../engine/timings.js';
import { Timings } from '../engine/timings.js';
import { sanitizeLine } from '../report/escape.js';

/** The phases in the order a scan runs them, as the summary names them. */
const PHASES: readonly (readonly [TimingGroup, string])[] = [
  ['inputs', 'inputs'],
  ['analysis', 'analyses'],
  ['rule', 'rules'],
  ['audit', 'after the rules'],
  ['plan', 'the plan'],
  ['report', 'reports'],
];

/** Rules listed by name: the slowest ones (the phase's line gives the sum of all). */
const RULES_LISTED = 10;

const ms = (value: number): string => String(Math.round(value));

const share = (part: number, whole: number): string =>
  whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '-';

const byTime = (a: TimingEntry, b: TimingEntry): number => b.ms - a.ms || a.name.localeCompare(b.name);

/**
 * The summary of a run of `totalMs` milliseconds whose spans are `entries`; `gcMs`: the garbage collection
 * of the run (undefined when not measured).
 */
export function formatTimings(
  entries: readonly TimingEntry[],
  totalMs: number,
  gcMs: number | undefined,
): string {
  const gc = gcMs === undefined ? '' : `; garbage collection ${ms(gcMs)} ms of it, within the phases`;
  const lines = [`Timings: ${ms(totalMs)} ms in all${gc}`];
  let covered = 0;
  const details: string[] = [];
  for (const [group, label] of PHASES) {
    const spans = entries.filter((e) => e.group === group).sort(byTime);
    if (spans.length === 0) continue;
    const sum = spans.reduce((total, e) => total + e.ms, 0);
    covered += sum;
    lines.push(`  ${label}: ${ms(sum)} ms, ${share(sum, totalMs)}`);
    const listed = group === 'rule' ? spans.slice(0, RULES_LISTED) : spans;
    const more = spans.length - listed.length;
    details.push(
      `  ${label}, slowest first: ${listed.map((e) => `${sanitizeLine(e.name)} ${ms(e.ms)}`).join(', ')}` +
        (more > 0 ? ` (${String(more)} more)` : ''),
    );
  }
  const other = Math.max(0, totalMs - covered);
  lines.push(`  other: ${ms(other)} ms, ${share(other, totalMs)}`, ...details);
  return `${lines.join('\n')}\n`;
}

/** Garbage collection from `start()` to the `stop()` it returns, in milliseconds. */
function startGcClock(): { stop: () => number } {
  const profiler = new v8.GCProfiler();
  profiler.start();
  return {
    stop: () => profiler.stop().statistics.reduce((total, gc) => total + gc.cost, 0) / 1000,
  };
}

/**
 * Runs a command's work; with `enabled` (`--timings`), gives it a `Timings` and, once it has returned, writes the
 * summary with `err`. Work that throws prints none: its error is the answer.
 */
export async function withTimings<T>(
  enabled: boolean,
  err: (text: string) => void,
  work: (timings: Timings | undefined) => Promise<T>,
): Promise<T> {
  if (!enabled) return work(undefined);
  const started = performance.now();
  const timings = new Timings();
  const gc = startGcClock();
  let gcMs: number;
  let result: T;
  try {
    result = await work(timings);
  } finally {
    gcMs = gc.stop();
  }
  err(formatTimings(timings.entries(), performance.now() - started, gcMs));
  return result;
}
