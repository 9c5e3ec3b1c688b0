/**
 * @module One benchmark measurement in its own process: `parse <dir>` (the `yaml` parse of every file,
 * `parseAllDocuments`, alone), `floor <dir>` (the fast floor: `js-yaml`'s `loadAll` of the same files) or
 * `cli <args...>` (the CLI's `runCli` from the bundled bin `dist/aksward.mjs`, output written to /dev/null, the time spent writing
 * it counted apart as `writeMs`; with `--timings`, its summary parsed as `timings`). Prints
 * `{ ms, cpuMs, maxRssKiB, exitCode, outputBytes, writeMs, timings }` as JSON on the last line of stderr.
 */
import { closeSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { loadAll } from 'js-yaml';
import { parseAllDocuments } from 'yaml';

/**
 * The summary `scan --timings` prints: the whole run and its garbage collection, each phase's milliseconds,
 * and each phase's spans (slowest first, as `[name, ms]`).
 */
function parseTimings(text) {
  const parsed = { phases: {}, spans: {} };
  for (const line of text.split('\n')) {
    const all = /^Timings: (\d+) ms in all; garbage collection (\d+) ms/.exec(line);
    if (all) {
      parsed.totalMs = Number(all[1]);
      parsed.gcMs = Number(all[2]);
      continue;
    }
    const phase = /^ {2}([a-z ]+): (\d+) ms, /.exec(line);
    if (phase) {
      parsed.phases[phase[1]] = Number(phase[2]);
      continue;
    }
    const spans = /^ {2}([a-z ]+), slowest first: (.*?)(?: \(\d+ more\))?$/.exec(line);
    if (spans)
      parsed.spans[spans[1]] = spans[2].split(', ').map((span) => {
        const at = span.lastIndexOf(' ');
        return [span.slice(0, at), Number(span.slice(at + 1))];
      });
  }
  return parsed;
}

const [mode, ...args] = process.argv.slice(2);
const started = performance.now();
let exitCode = 0;
let outputBytes = 0;
let writeMs = 0;
let timings;
if (mode === 'floor') {
  let documents = 0;
  for (const name of readdirSync(args[0]).sort()) {
    const text = readFileSync(path.join(args[0], name), 'utf8');
    loadAll(text, () => {
      documents++;
    });
  }
  outputBytes = documents;
} else if (mode === 'parse') {
  let documents = 0;
  for (const name of readdirSync(args[0]).sort()) {
    const text = readFileSync(path.join(args[0], name), 'utf8');
    for (const document of parseAllDocuments(text)) {
      if (document.errors.length > 0) exitCode = 1;
      documents++;
    }
  }
  outputBytes = documents;
} else {
  const { runCli } = await import('../dist/aksward.mjs');
  const sink = openSync('/dev/null', 'w');
  const write = (s) => {
    const before = performance.now();
    outputBytes += writeSync(sink, s);
    writeMs += performance.now() - before;
  };
  // With --timings, stderr is kept: its summary is parsed into `timings`.
  let errText = '';
  const err = args.includes('--timings') ? (s) => (errText += s) : write;
  exitCode = await runCli(args, { out: write, err, stdoutIsTTY: false, env: {} }, process.cwd());
  closeSync(sink);
  timings = errText === '' ? undefined : parseTimings(errText);
}
const ms = performance.now() - started;
const usage = process.resourceUsage();
const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
process.stderr.write(
  `\n${JSON.stringify({ ms, cpuMs, maxRssKiB: usage.maxRSS, exitCode, outputBytes, writeMs, timings })}\n`,
);
