/**
 * @module Timings (`scan --timings`): each span counted without the spans it encloses, repeats summed, a failing
 * span still ended; the summary's phases, shares and lists; a scan's spans name every rule that ran and only
 * each analysis built, once. A test clock: no assertion on real durations.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Timings } from '../../src/engine/timings.js';
import { formatTimings } from '../../src/cli/timings-summary.js';
import { ANALYSIS_NAMES } from '../../src/engine/analyses.js';
import { scan } from '../../src/scan.js';
import { cli } from '../cli/run.js';

/** A clock that moves only when told. */
function testClock(): { now: () => number; advance: (ms: number) => void } {
  let at = 1000;
  return { now: () => at, advance: (ms) => (at += ms) };
}

describe('Timings', () => {
  it('counts a span without the spans it encloses', () => {
    const clock = testClock();
    const timings = new Timings(clock.now);
    timings.measure('rule', 'outer', () => {
      clock.advance(5);
      timings.measure('analysis', 'inner', () => {
        clock.advance(30);
        timings.measure('analysis', 'deepest', () => {
          clock.advance(7);
        });
      });
      clock.advance(2);
    });
    expect(timings.entries()).toEqual([
      { group: 'analysis', name: 'deepest', ms: 7, count: 1 },
      { group: 'analysis', name: 'inner', ms: 30, count: 1 },
      { group: 'rule', name: 'outer', ms: 7, count: 1 },
    ]);
  });

  it('adds a span run again to its entry, and gives back what the work returns', () => {
    const clock = testClock();
    const timings = new Timings(clock.now);
    const values = [3, 4].map((ms) =>
      timings.measure('audit', 'order', () => {
        clock.advance(ms);
        return ms * 10;
      }),
    );
    expect(values).toEqual([30, 40]);
    expect(timings.entries()).toEqual([{ group: 'audit', name: 'order', ms: 7, count: 2 }]);
  });

  it('ends a span whose work throws, and lets the error through', () => {
    const clock = testClock();
    const timings = new Timings(clock.now);
    expect(() =>
      timings.measure('rule', 'crashing', () => {
        clock.advance(4);
        throw new Error('rule crashed');
      }),
    ).toThrow('rule crashed');
    timings.measure('rule', 'next', () => {
      clock.advance(1);
    });
    expect(timings.entries()).toEqual([
      { group: 'rule', name: 'crashing', ms: 4, count: 1 },
      { group: 'rule', name: 'next', ms: 1, count: 1 },
    ]);
  });

  it('measures awaited work, and refuses two awaited spans that interleave', async () => {
    const clock = testClock();
    const timings = new Timings(clock.now);
    await timings.measureAsync('inputs', 'read and parse', async () => {
      clock.advance(12);
      await Promise.resolve();
      timings.measure('inputs', 'nested', () => {
        clock.advance(2);
      });
    });
    expect(timings.entries()).toEqual([
      { group: 'inputs', name: 'nested', ms: 2, count: 1 },
      { group: 'inputs', name: 'read and parse', ms: 12, count: 1 },
    ]);
    // The first span to open ends first: the spans crossed, and neither can be counted.
    const releases: (() => void)[] = [];
    const waiting = () => new Promise<void>((resolve) => releases.push(resolve));
    const first = timings.measureAsync('report', 'first', waiting);
    const second = timings.measureAsync('report', 'second', waiting);
    releases[0]?.();
    await expect(first).rejects.toThrow('timing span report/first ended out of order');
    releases[1]?.();
    await expect(second).rejects.toThrow('timing span report/second ended out of order');
    expect(timings.entries().map((e) => e.name)).toEqual(['nested', 'read and parse']);
  });
});

describe('the --timings summary', () => {
  const rules = Array.from({ length: 12 }, (_, i) => ({
    group: 'rule' as const,
    name: `rule-${String(i)}`,
    ms: 10 + i,
    count: 1,
  }));
  const text = formatTimings(
    [
      { group: 'inputs', name: 'read and parse', ms: 400, count: 1 },
      { group: 'analysis', name: 'rbac', ms: 50, count: 1 },
      { group: 'analysis', name: 'attackGraph', ms: 150, count: 1 },
      ...rules,
      { group: 'audit', name: 'order', ms: 20, count: 1 },
      { group: 'report', name: 'json to stdout', ms: 100, count: 1 },
    ],
    1000,
    120.4,
  );

  it('gives each phase its time and share, and what no span covers', () => {
    const lines = text.trimEnd().split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'Timings: 1000 ms in all; garbage collection 120 ms of it, within the phases',
      '  inputs: 400 ms, 40.0%',
      '  analyses: 200 ms, 20.0%',
      '  rules: 186 ms, 18.6%',
      '  after the rules: 20 ms, 2.0%',
      '  reports: 100 ms, 10.0%',
      '  other: 94 ms, 9.4%',
    ]);
  });

  it('lists each phase slowest first, the ten slowest rules only', () => {
    expect(text).toContain('  analyses, slowest first: attackGraph 150, rbac 50\n');
    expect(text).toContain(
      '  rules, slowest first: rule-11 21, rule-10 20, rule-9 19, rule-8 18, rule-7 17, rule-6 16, rule-5 15, rule-4 14, rule-3 13, rule-2 12 (2 more)\n',
    );
    expect(text).not.toContain('rule-1 11');
  });
});

describe('a scan with timings', () => {
  it('has a span for each kind of input, for every rule that ran, for each analysis built (once) and the passes after', async () => {
    const timings = new Timings();
    const scanned = await scan(['examples/unhardened'], { cwd: process.cwd(), timings });
    const entries = timings.entries();
    const named = (group: string) => entries.filter((e) => e.group === group).map((e) => e.name);
    // The example holds Terraform, manifests (YAML and JSON) and no kustomization.
    expect(named('inputs').sort()).toEqual(['find', 'manifest', 'model', 'terraform']);
    expect(entries.find((e) => e.name === 'manifest')?.count).toBe(9);
    expect(named('rule').sort()).toEqual([...scanned.result.rulesRun].sort());
    expect(named('analysis')).toContain('attackGraph');
    expect(named('audit')).toEqual(expect.arrayContaining(['locations', 'grading', 'root causes', 'order']));
    for (const entry of entries) expect(entry.ms).toBeGreaterThanOrEqual(0);

    // Each analysis is built once, whichever rule or pass asked for it first; the model's workloads and
    // namespaces are built before the rules; the landing digests are timed at every question.
    const shared = ['workloads', 'namespaces'];
    for (const entry of entries.filter((e) => e.group === 'analysis')) {
      if (entry.name === 'landing digests') continue;
      expect([...ANALYSIS_NAMES, ...shared]).toContain(entry.name);
      expect(entry.count).toBe(1);
    }
    expect(named('analysis')).toEqual(expect.arrayContaining([...shared, 'landing digests']));
  });

  it('prints the summary on stderr with --timings and leaves the report as it is', async () => {
    const plain = await cli(['scan', 'examples/unhardened', '-f', 'json']);
    const timed = await cli(['scan', 'examples/unhardened', '-f', 'json', '--timings']);
    expect(plain.stderr).not.toContain('Timings:');
    expect(timed.code).toBe(plain.code);
    expect(timed.stderr).toMatch(/^Timings: \d+ ms in all; garbage collection \d+ ms of it/m);
    expect(timed.stderr).toMatch(/^ {2}rules: \d+ ms, \d+\.\d%$/m);
    expect(timed.stderr).toMatch(/^ {2}reports, slowest first: json to stdout \d+$/m);
    expect(timed.stdout).toBe(plain.stdout);
  });

  it('fix --timings gives both scans and the plan by part, and writes the same plan', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'aksward-timings-'));
    const plain = await cli(['fix', 'examples/unhardened', '-o', path.join(out, 'plain')]);
    const timed = await cli(['fix', 'examples/unhardened', '-o', path.join(out, 'timed'), '--timings']);
    expect(plain.stderr).not.toContain('Timings:');
    expect(timed.code).toBe(plain.code);
    expect(timed.stderr).toMatch(/^ {2}the plan: \d+ ms, \d+\.\d%$/m);
    const parts = /^ {2}the plan, slowest first: (.*)$/m.exec(timed.stderr)?.[1] ?? '';
    const names = parts.split(', ').map((part) => part.replace(/ \d+$/, ''));
    expect(names).toEqual(
      expect.arrayContaining([
        'cluster steps',
        'network policies',
        'key vault steps',
        'diffs',
        'rescan copy',
      ]),
    );
    expect(timed.stderr).toMatch(/^ {2}reports, slowest first: plan folder \d+$/m);
    // Both scans read the example's nine manifests: the inputs' spans count them together.
    expect(timed.stderr).toMatch(/^ {2}inputs, slowest first: .*manifest \d+/m);
    const plan = (dir: string) => readFileSync(path.join(out, dir, 'plan.json'), 'utf8');
    expect(plan('timed')).toBe(plan('plain'));
  });
});
