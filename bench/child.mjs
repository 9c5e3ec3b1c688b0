/**
 * @module One benchmark measurement in its own process: `parse <dir>` (the `yaml` parse of every file,
 * `parseAllDocuments`, alone), `floor <dir>` (the fast floor: `js-yaml`'s `loadAll` of the same files) or
 * `cli <args...>` (the CLI's `runCli` from the bundled bin `dist/aksward.mjs`, output written to /dev/null, the time spent writing
 * it counted apart as `writeMs`). Prints `{ ms, cpuMs, maxRssKiB, exitCode, outputBytes, writeMs }` as
 * JSON on the last line of stderr.
 */
import { closeSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { loadAll } from 'js-yaml';
import { parseAllDocuments } from 'yaml';

const [mode, ...args] = process.argv.slice(2);
const started = performance.now();
let exitCode = 0;
let outputBytes = 0;
let writeMs = 0;
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
  exitCode = await runCli(args, { out: write, err: write, stdoutIsTTY: false, env: {} }, process.cwd());
  closeSync(sink);
}
const ms = performance.now() - started;
const usage = process.resourceUsage();
const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
process.stderr.write(
  `\n${JSON.stringify({ ms, cpuMs, maxRssKiB: usage.maxRSS, exitCode, outputBytes, writeMs })}\n`,
);
