/**
 * @module The benchmark (`npm run bench`, never part of `npm test`): generates the small, medium and large
 * synthetic clusters, then measures, each in its own process, the `yaml` parse alone, `scan`, `reach` and
 * `paths` (when the CLI has it). Prints a table and writes `bench/results.json`.
 * `node bench/run.mjs [small|medium|large]... [--timeout <seconds>]`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
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
const sizes = argv.filter((a, i) => a in SIZES && i !== timeoutAt + 1);

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
    source: rss ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS',
  };
}

function hasPaths() {
  const help = spawnSync(process.execPath, ['dist/cli/main.js', '--help'], { cwd: ROOT, encoding: 'utf8' });
  return /^\s+paths\b/m.test(help.stdout);
}

function benchSize(size) {
  const dir = path.join('bench', 'out', size);
  const objects = writeCluster(path.join(ROOT, dir), size);
  const results = {
    size,
    ...SIZES[size],
    objects,
    parse: measure(['parse', dir]),
    scan: measure(['cli', 'scan', dir, '-f', 'json', '--fail-on', 'none']),
    reach: measure(['cli', 'reach', dir, '-f', 'json']),
    paths: hasPaths()
      ? measure(['cli', 'paths', dir, '-f', 'json'])
      : { skipped: true, note: 'the CLI has no paths command' },
  };
  const ratio = (key) =>
    results.scan.timedOut ? null : Number((results.scan[key] / results.parse[key]).toFixed(1));
  return { ...results, scanToParseRatio: ratio('wallMs'), scanToParseCpuRatio: ratio('cpuMs') };
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
const header = ['size', 'objects', 'parse alone', 'scan', 'reach', 'paths', 'scan / parse (wall, cpu)'];
const rows = results.map((r) => [
  r.size,
  String(r.objects),
  cell(r.parse),
  cell(r.scan),
  cell(r.reach),
  cell(r.paths),
  r.scanToParseRatio === null ? 'n/a' : `${r.scanToParseRatio}×, ${r.scanToParseCpuRatio}×`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const row of [header, ...rows])
  process.stdout.write(`${row.map((c, i) => c.padEnd(widths[i])).join('  ')}\n`);
const machine = { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown' };
// Other processes on a shared machine stretch wall times; the load average says how much.
const loadAverage = os.loadavg().map((l) => Number(l.toFixed(1)));
const output = { generatedAt: new Date().toISOString(), machine, loadAverage, timeoutSeconds, results };
writeFileSync(path.join(HERE, 'results.json'), `${JSON.stringify(output, null, 2)}\n`);
