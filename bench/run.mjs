/**
 * @module The benchmark (`npm run bench`, never part of `npm test`): generates the small, medium, large and
 * xlarge synthetic clusters, then measures, each in its own process, the `yaml` parse alone, the fast
 * floor (`js-yaml`'s `loadAll` of the same files), `scan`, `reach`, `paths` (when the CLI has it) and `fix`
 * (small, medium and large: past 250,000 connections allowed by the existing policies, as from medium up, it
 * plans no network step, and the rest of its plan grows with the workloads; xlarge would take minutes more),
 * then `fix` again on the same cluster without NetworkPolicies, where it plans a network step per namespace.
 * Ratios are to the fast floor measured in the same run (a shared machine stretches wall times; ratios
 * of one run stay comparable), and, paired, to the floor run just before each run of `scan`, `reach` and
 * `paths` (`toFloor.paired`); `reach` also reports its output bytes and the time spent writing them. One more
 * scan per size runs with `--timings` (`scanPhases`): where its time goes, by phase, analysis and rule.
 * Prints a table and writes `bench/results.json`, with the scan's growth from large to xlarge.
 * `node bench/run.mjs [small|medium|large|xlarge]... [--timeout <seconds>] [--commands scan,reach,paths] [--repeat <n>]`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { SIZES, writeCluster } from './generate-cluster.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const TIME = '/usr/bin/time';
const argv = process.argv.slice(2);
const timeoutAt = argv.indexOf('--timeout');
const timeoutSeconds = timeoutAt === -1 ? 1800 : Number(argv[timeoutAt + 1]);
const commandsAt = argv.indexOf('--commands');
const repeatAt = argv.indexOf('--repeat');
/**
 * The floor and the scan are measured this many times, alternating, and the run of median wall time is reported
 * (the peak memory is the most any run took): one slow moment of a shared machine moved the large scan's ratio to
 * the floor from 7.4× to 8.3× between two runs with no scan code changed.
 */
const repeat = repeatAt === -1 ? 3 : Math.max(1, Number(argv[repeatAt + 1]));
/** `--commands scan,paths` measures only those (with the floor and the parse, always). */
const commands = commandsAt === -1 ? ['scan', 'reach', 'paths', 'fix'] : argv[commandsAt + 1].split(',');
/** The sizes `fix` is measured at. */
const FIX_SIZES = new Set(['small', 'medium', 'large']);
/** Sizes named on the command line; a flag's value is not a size (an absent flag is at -1: no index to skip). */
const flagValues = new Set([timeoutAt, commandsAt, repeatAt].filter((at) => at !== -1).map((at) => at + 1));
const sizes = argv.filter((a, i) => a in SIZES && !flagValues.has(i));

/** Runs `bench/child.mjs` under `/usr/bin/time -v` when present (peak RSS of the whole process). */
function measure(childArgs) {
  const node = [process.execPath, path.join(HERE, 'child.mjs'), ...childArgs];
  const useTime = existsSync(TIME);
  const [command, ...args] = useTime ? [TIME, '-v', ...node] : node;
  const started = performance.now();
  const run = spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: timeoutSeconds * 1000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  if (run.error || run.signal) return { timedOut: true, wallMs, note: `stopped after ${timeoutSeconds} s` };
  const lines = run.stderr.trim().split('\n');
  const own = JSON.parse(lines.findLast((l) => l.startsWith('{"ms"')) ?? '{}');
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(run.stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(run.stderr);
  const cpuMs = user && system ? (Number(user[1]) + Number(system[1])) * 1000 : own.cpuMs;
  const elapsed = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(
    run.stderr,
  );
  const timeMs = elapsed
    ? (Number(elapsed[1] ?? 0) * 3600 + Number(elapsed[2]) * 60 + Number(elapsed[3])) * 1000
    : wallMs;
  return {
    wallMs: Math.round(timeMs),
    cpuMs: Math.round(cpuMs),
    peakRssMiB: Math.round((rss ? Number(rss[1]) : own.maxRssKiB) / 1024),
    exitCode: own.exitCode,
    ...(childArgs[0] === 'cli'
      ? { outputBytes: own.outputBytes, writeMs: Math.round(own.writeMs ?? 0) }
      : {}),
    ...(own.timings === undefined ? {} : { timings: own.timings }),
    source: rss ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS',
  };
}

/**
 * Runs of the same measurements, alternating, `repeat` times: for each, the run of median wall time, with every
 * run's wall time (`wallSamplesMs`) and the highest peak memory of them all. A run that timed out is the result.
 */
function measureRepeated(named) {
  const runs = Object.fromEntries(Object.keys(named).map((name) => [name, []]));
  for (let i = 0; i < repeat; i += 1)
    for (const [name, childArgs] of Object.entries(named)) if (childArgs) runs[name].push(measure(childArgs));
  return Object.fromEntries(
    Object.entries(runs).map(([name, list]) => {
      if (list.length === 0) return [name, undefined];
      const stopped = list.find((m) => m.timedOut);
      if (stopped) return [name, stopped];
      const median = medianOf(list, (m) => m.wallMs);
      return [
        name,
        {
          ...median,
          peakRssMiB: Math.max(...list.map((m) => m.peakRssMiB)),
          wallSamplesMs: list.map((m) => m.wallMs),
        },
      ];
    }),
  );
}

/** The item of median `value` (the lower one of an even count). */
function medianOf(list, value) {
  const sorted = [...list].sort((a, b) => value(a) - value(b));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/**
 * A command measured right after a floor run, `repeat` times: the machine's pace drifts over minutes (the large
 * floor read 710 to 1,160 ms within one run), and a command's ratio to the floor run just before it is steadier
 * than the ratio of two medians taken minutes apart. `less` is subtracted from the command's wall time (the
 * time `reach` spent writing its output). Gives the run of median ratio, with every ratio and every floor run.
 */
function measurePaired(dir, childArgs, less = () => 0) {
  const pairs = [];
  for (let i = 0; i < repeat; i += 1) {
    const floor = measure(['floor', dir]);
    const command = measure(childArgs);
    if (command.timedOut || floor.timedOut) return { ...command, pairedRatios: [] };
    pairs.push({
      floor,
      command,
      ratio: Number(((command.wallMs - less(command)) / floor.wallMs).toFixed(1)),
    });
  }
  const median = medianOf(pairs, (p) => p.ratio);
  return {
    ...median.command,
    peakRssMiB: Math.max(...pairs.map((p) => p.command.peakRssMiB)),
    wallSamplesMs: pairs.map((p) => p.command.wallMs),
    floorBeforeMs: pairs.map((p) => p.floor.wallMs),
    pairedRatios: pairs.map((p) => p.ratio),
    pairedRatio: median.ratio,
  };
}

/** Bytes of every file under `dir`. */
function treeBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) total += statSync(path.join(entry.parentPath, entry.name)).size;
  return total;
}

/** Why `fix` is not measured at `size`, or undefined when it is. */
function fixSkipped(size) {
  if (!commands.includes('fix')) return { skipped: true, note: 'not asked (--commands)' };
  if (!FIX_SIZES.has(size)) return { skipped: true, note: `measured at ${[...FIX_SIZES].join(', ')} only` };
  return undefined;
}

/** `fix` writes its plan under `bench/out/fix-<name>` (emptied first); the bytes written are the plan's. */
function measureFix(size, dir, name = size) {
  const skipped = fixSkipped(size);
  if (skipped) return skipped;
  const out = path.join('bench', 'out', `fix-${name}`);
  rmSync(path.join(ROOT, out), { recursive: true, force: true });
  // With --timings (each scan of it opens thousands of spans, 4,300 on the large cluster, at no cost that
  // alternated runs could tell from noise; the summary is on stderr, not in the plan): where the time goes.
  const result = measure(['cli', 'fix', dir, '-o', out, '--timings']);
  return result.timedOut ? result : { ...result, outputBytes: treeBytes(path.join(ROOT, out)) };
}

/** `fix` on the size without its NetworkPolicies (`bench/out/<size>-no-policies`). */
function measureFixNoPolicies(size) {
  const skipped = fixSkipped(size);
  if (skipped) return skipped;
  const dir = path.join('bench', 'out', `${size}-no-policies`);
  writeCluster(path.join(ROOT, dir), size, 42, { policies: 0 });
  return measureFix(size, dir, `${size}-no-policies`);
}

/** The `--timings` summary of a run (each phase's milliseconds, the spans of each), or why there is none. */
function phasesOf(run) {
  if (run.timedOut || run.timings === undefined)
    return { skipped: true, note: run.note ?? 'no --timings summary' };
  return { wallMs: run.wallMs, ...run.timings };
}

function hasPaths() {
  const help = spawnSync(process.execPath, ['dist/aksward.mjs', '--help'], { cwd: ROOT, encoding: 'utf8' });
  return /^\s+paths\b/m.test(help.stdout);
}

/** `a / b` to one decimal, or null when either was not measured. */
function ratio(a, b, key) {
  if (a.timedOut || a.skipped || b.timedOut || b.skipped) return null;
  return Number((a[key] / b[key]).toFixed(1));
}

function benchSize(size) {
  const dir = path.join('bench', 'out', size);
  const objects = writeCluster(path.join(ROOT, dir), size);
  const repeated = measureRepeated({
    floor: ['floor', dir],
    scan: commands.includes('scan') ? ['cli', 'scan', dir, '-f', 'json', '--fail-on', 'none'] : undefined,
  });
  const results = {
    size,
    ...SIZES[size],
    objects,
    repeat,
    floor: repeated.floor,
    parse: measure(['parse', dir]),
    scan: repeated.scan ?? { skipped: true, note: 'not asked (--commands)' },
    // One more scan, with --timings: where its time goes (not one of the runs the ratios are taken from).
    scanPhases: commands.includes('scan')
      ? phasesOf(measure(['cli', 'scan', dir, '-f', 'json', '--fail-on', 'none', '--timings']))
      : { skipped: true, note: 'not asked (--commands)' },
    reach: commands.includes('reach')
      ? measurePaired(dir, ['cli', 'reach', dir, '-f', 'json'], (m) => m.writeMs)
      : { skipped: true, note: 'not asked (--commands)' },
    paths: !commands.includes('paths')
      ? { skipped: true, note: 'not asked (--commands)' }
      : hasPaths()
        ? measurePaired(dir, ['cli', 'paths', dir, '-f', 'json'])
        : { skipped: true, note: 'the CLI has no paths command' },
    fix: measureFix(size, dir),
    fixNoPolicies: measureFixNoPolicies(size),
  };
  const toFloor = {};
  for (const command of ['parse', 'scan', 'reach', 'paths', 'fix']) {
    toFloor[command] = {
      wall: ratio(results[command], results.floor, 'wallMs'),
      cpu: ratio(results[command], results.floor, 'cpuMs'),
    };
  }
  // `reach` less the time its output took to write: the target is on the rest.
  const reach = results.reach;
  toFloor.reachLessWrite =
    reach.timedOut || reach.skipped
      ? null
      : Number(((reach.wallMs - reach.writeMs) / results.floor.wallMs).toFixed(1));
  // Each command's ratio to the floor run right before it, the median of `repeat` pairs (`measurePaired`).
  // Each scan run came right after the floor run of the same index (`measureRepeated` alternates them).
  const floors = repeated.floor?.wallSamplesMs;
  const scans = repeated.scan?.wallSamplesMs;
  const scanPairs =
    floors && scans && floors.length === scans.length
      ? scans.map((ms, i) => Number((ms / floors[i]).toFixed(1)))
      : [];
  toFloor.paired = {
    scan: scanPairs.length > 0 ? (medianOf(scanPairs, (r) => r) ?? null) : null,
    scanRatios: scanPairs,
    reachLessWrite: reach.pairedRatio ?? null,
    paths: results.paths.pairedRatio ?? null,
  };
  return {
    ...results,
    toFloor,
    scanToParseRatio: ratio(results.scan, results.parse, 'wallMs'),
    scanToParseCpuRatio: ratio(results.scan, results.parse, 'cpuMs'),
  };
}

function cell(m) {
  if (m.skipped) return 'skipped';
  if (m.timedOut) return `> ${timeoutSeconds} s`;
  return `${(m.wallMs / 1000).toFixed(1)} s (cpu ${(m.cpuMs / 1000).toFixed(1)} s) / ${m.peakRssMiB} MiB`;
}

const results = [];
for (const size of sizes.length > 0 ? sizes : Object.keys(SIZES)) {
  const result = benchSize(size);
  results.push(result);
  process.stdout.write(`${size} done\n`);
}
const times = (r) => (r === null ? 'n/a' : `${r}×`);
const header = [
  'size',
  'objects',
  repeat > 1 ? `fast floor (median of ${repeat})` : 'fast floor',
  'parse alone',
  repeat > 1 ? `scan (median of ${repeat})` : 'scan',
  'reach (output, write)',
  'paths',
  'fix (plan size)',
  'fix, no policies',
  'to floor: scan, reach less write, paths (wall; scan cpu)',
  'to the floor run just before: scan, reach less write, paths',
];
const rows = results.map((r) => [
  r.size,
  String(r.objects),
  cell(r.floor),
  cell(r.parse),
  cell(r.scan),
  r.reach.timedOut || r.reach.skipped
    ? cell(r.reach)
    : `${cell(r.reach)} (${(r.reach.outputBytes / 1024 / 1024).toFixed(1)} MiB, ${(r.reach.writeMs / 1000).toFixed(1)} s)`,
  cell(r.paths),
  r.fix.timedOut || r.fix.skipped
    ? cell(r.fix)
    : `${cell(r.fix)} (${(r.fix.outputBytes / 1024 / 1024).toFixed(1)} MiB)`,
  r.fixNoPolicies.timedOut || r.fixNoPolicies.skipped
    ? cell(r.fixNoPolicies)
    : `${cell(r.fixNoPolicies)} (${(r.fixNoPolicies.outputBytes / 1024 / 1024).toFixed(1)} MiB)`,
  `${times(r.toFloor.scan.wall)}, ${times(r.toFloor.reachLessWrite)}, ${times(r.toFloor.paths.wall)}; ${times(r.toFloor.scan.cpu)}`,
  `${times(r.toFloor.paired.scan)}, ${times(r.toFloor.paired.reachLessWrite)}, ${times(r.toFloor.paired.paths)}`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const row of [header, ...rows])
  process.stdout.write(`${row.map((c, i) => c.padEnd(widths[i])).join('  ')}\n`);
const machine = { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown' };
// Other processes on a shared machine stretch wall times; the load average says how much.
const loadAverage = os.loadavg().map((l) => Number(l.toFixed(1)));
const large = results.find((r) => r.size === 'large');
const xlarge = results.find((r) => r.size === 'xlarge');
// xlarge is three times large: a linear scan grows about 3×.
const growth =
  large && xlarge
    ? {
        objects: Number((xlarge.objects / large.objects).toFixed(2)),
        scanWall: ratio(xlarge.scan, large.scan, 'wallMs'),
        scanCpu: ratio(xlarge.scan, large.scan, 'cpuMs'),
        floorWall: ratio(xlarge.floor, large.floor, 'wallMs'),
      }
    : undefined;
/** One line of a `--timings` summary: each phase's milliseconds. */
function phaseLine(label, timings) {
  if (timings?.phases === undefined) return;
  const parts = Object.entries(timings.phases).map(([name, ms]) => `${name} ${ms}`);
  process.stdout.write(
    `${label} with --timings, ${timings.totalMs} ms: ${parts.join(', ')} (ms; garbage collection ${timings.gcMs} ms within them)\n`,
  );
}
for (const r of results) {
  phaseLine(`${r.size} scan`, r.scanPhases);
  phaseLine(`${r.size} fix`, r.fix.timings);
  phaseLine(`${r.size} fix without policies`, r.fixNoPolicies.timings);
}
if (growth) {
  process.stdout.write(
    `large -> xlarge: ${growth.objects}× the objects, scan ${growth.scanWall}× (cpu ${growth.scanCpu}×), floor ${growth.floorWall}×\n`,
  );
}
const output = {
  generatedAt: new Date().toISOString(),
  machine,
  loadAverage,
  timeoutSeconds,
  results,
  ...(growth ? { largeToXlarge: growth } : {}),
};
writeFileSync(path.join(HERE, 'results.json'), `${JSON.stringify(output, null, 2)}\n`);
