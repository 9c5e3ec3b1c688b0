/**
 * @module Where a run's time goes (`scan --timings`, `fix --timings`): named spans in groups (reading the inputs,
 * each analysis, each rule, the passes after the rules, the plan's parts, each report), each counted without
 * the spans it encloses, so an analysis a rule asks for first is the analysis's time, not the rule's. A span
 * run again (one per cluster scope, or the rescan of `fix`) adds to the same entry. One `Timings` serves one
 * run at a time: its spans nest, they never interleave. No I/O; the caller reads `entries()`.
 */
import { performance } from 'node:perf_hooks';

export type TimingGroup = 'inputs' | 'analysis' | 'rule' | 'audit' | 'plan' | 'report';

export interface TimingEntry {
  readonly group: TimingGroup;
  readonly name: string;
  /** Milliseconds inside the span, less the spans it enclosed. */
  readonly ms: number;
  /** How many times the span ran. */
  readonly count: number;
}

interface OpenSpan {
  readonly start: number;
  /** The time of the spans it encloses, taken out of its own. */
  inner: number;
}

export class Timings {
  readonly #entries = new Map<string, { -readonly [K in keyof TimingEntry]: TimingEntry[K] }>();
  readonly #open: OpenSpan[] = [];
  readonly #clock: () => number;

  /** `clock`: milliseconds from any origin (a test passes its own). */
  constructor(clock: () => number = () => performance.now()) {
    this.#clock = clock;
  }

  /** Runs `work` as the span `group`/`name`, and gives its result (or its error, the span counted). */
  measure<T>(group: TimingGroup, name: string, work: () => T): T {
    const span = this.#start();
    try {
      return work();
    } finally {
      this.#end(group, name, span);
    }
  }

  /** `measure` for work that is awaited: nothing else may open a span of this `Timings` meanwhile. */
  async measureAsync<T>(group: TimingGroup, name: string, work: () => Promise<T>): Promise<T> {
    const span = this.#start();
    try {
      return await work();
    } finally {
      this.#end(group, name, span);
    }
  }

  /** Every span's entry, in the order each first ended. */
  entries(): readonly TimingEntry[] {
    return [...this.#entries.values()].map((entry) => ({ ...entry }));
  }

  #start(): OpenSpan {
    const span: OpenSpan = { start: this.#clock(), inner: 0 };
    this.#open.push(span);
    return span;
  }

  #end(group: TimingGroup, name: string, span: OpenSpan): void {
    if (this.#open.pop() !== span) throw new Error(`timing span ${group}/${name} ended out of order`);
    const elapsed = this.#clock() - span.start;
    const parent = this.#open.at(-1);
    if (parent !== undefined) parent.inner += elapsed;
    const key = `${group}\u0000${name}`;
    const entry = this.#entries.get(key);
    if (entry === undefined) this.#entries.set(key, { group, name, ms: elapsed - span.inner, count: 1 });
    else {
      entry.ms += elapsed - span.inner;
      entry.count += 1;
    }
  }
}

/** `work` measured when the caller keeps timings, run as it is when not. */
export function timed<T>(timings: Timings | undefined, group: TimingGroup, name: string, work: () => T): T {
  return timings === undefined ? work() : timings.measure(group, name, work);
}

/** `timed` for work that is awaited. */
export function timedAsync<T>(
  timings: Timings | undefined,
  group: TimingGroup,
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  return timings === undefined ? work() : timings.measureAsync(group, name, work);
}
