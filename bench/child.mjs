/**
 * @module One benchmark measurement in its own process: `parse <dir>` (the `yaml` parse of every file,
 * `parseAllDocuments`, alone) or `cli <args...>` (the CLI's `runCli` from `dist/`, output counted and
 * dropped). Prints `{ ms, maxRssKiB, exitCode, outputBytes }` as JSON on the last line of stderr.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { parseAllDocuments } from 'yaml';

const [mode, ...args] = process.argv.slice(2);
const started = performance.now();
let exitCode = 0;
let outputBytes = 0;
if (mode === 'parse') {
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
  const { runCli } = await import('../dist/cli/main.js');
  const count = (s) => {
    outputBytes += s.length;
  };
  exitCode = await runCli(args, { out: count, err: count, stdoutIsTTY: false, env: {} }, process.cwd());
}
const ms = performance.now() - started;
const usage = process.resourceUsage();
const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
process.stderr.write(`\n${JSON.stringify({ ms, cpuMs, maxRssKiB: usage.maxRSS, exitCode, outputBytes })}\n`);
