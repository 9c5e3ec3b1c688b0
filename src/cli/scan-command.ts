/** @module `aksward scan` and `aksward baseline`: options in, pipeline, reports out, exit code. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AkswardConfig } from '../engine/config.js';
import { createBaseline, parseBaseline } from '../engine/baseline.js';
import { UsageError } from '../errors.js';
import { loadConfig } from '../load/load-config.js';
import type { ReportContext } from '../report/formatter.js';
import type { FormatName } from '../report/index.js';
import { FORMAT_NAMES, formatters } from '../report/index.js';
import { describeJsonError } from '../load/parse-errors.js';
import { scan } from '../scan.js';
import { findRule } from '../rules/index.js';
import { VERSION } from '../version.js';
import type { FailOn } from './exit-codes.js';
import { exitCodeFor, gatingFindings } from './exit-codes.js';
import type { Streams } from './io.js';
import { decideColor, readStdin, writeDiagnostics } from './io.js';

export interface ScanFlags {
  readonly format: string;
  readonly output?: readonly string[];
  readonly failOn?: string;
  readonly config?: string;
  readonly baseline?: string;
  readonly color?: boolean;
  readonly kubectl?: string;
}

const FAIL_ON = ['critical', 'high', 'medium', 'low', 'info', 'none'] as const;

function parseFormat(name: string): FormatName {
  const found = FORMAT_NAMES.find((f) => f === name);
  if (!found) throw new UsageError(`unknown format "${name}" (expected one of ${FORMAT_NAMES.join(', ')})`);
  return found;
}

/** `-o sarif=results.sarif` → [format, file]. */
function parseOutput(spec: string): [FormatName, string] {
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1)
    throw new UsageError(`--output expects <format>=<file>, got "${spec}"`);
  return [parseFormat(spec.slice(0, eq)), spec.slice(eq + 1)];
}

function resolveFailOn(flag: string | undefined, config: AkswardConfig): FailOn {
  const value = flag ?? config.failOn ?? 'high';
  const found = FAIL_ON.find((f) => f === value);
  if (!found) throw new UsageError(`--fail-on expects one of ${FAIL_ON.join(', ')}, got "${value}"`);
  return found;
}

function readBaseline(cwd: string, file: string): ReadonlySet<string> {
  let text: string;
  let value: unknown;
  try {
    text = readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (cause) {
    throw new UsageError(
      `cannot read baseline ${file}: ${(cause as { code?: string } | null)?.code ?? 'unreadable'}`,
    );
  }
  try {
    value = JSON.parse(text);
  } catch (cause) {
    // Node's message quotes the file's first characters: only the kind of problem is said.
    throw new UsageError(`baseline ${file} is not a baseline: ${describeJsonError(cause, text).message}`);
  }
  const parsed = parseBaseline(value);
  if ('error' in parsed) throw new UsageError(`baseline ${file} is invalid: ${parsed.error}`);
  return parsed;
}

async function runScan(
  paths: readonly string[],
  flags: ScanFlags,
  cwd: string,
  extra: { baseline?: ReadonlySet<string> } = {},
) {
  const { config } = loadConfig({ cwd, ...(flags.config ? { explicit: flags.config } : {}) });
  const failOn = resolveFailOn(flags.failOn, config);
  const baseline = flags.baseline ? readBaseline(cwd, flags.baseline) : extra.baseline;
  const result = await scan(paths.length > 0 ? paths : ['.'], {
    cwd,
    config,
    readStdin,
    ...(baseline ? { baseline } : {}),
    ...(flags.kubectl ? { kubectl: flags.kubectl } : {}),
  });
  return { result, failOn };
}

export async function scanCommand(
  paths: readonly string[],
  flags: ScanFlags,
  streams: Streams,
  cwd: string,
): Promise<number> {
  const format = parseFormat(flags.format);
  const outputs = (flags.output ?? []).map(parseOutput);
  const { result: scanned, failOn } = await runScan(paths, flags, cwd);
  const gating = gatingFindings(scanned.result.findings, failOn);
  const context: ReportContext = {
    rules: scanned.result.rulesRun.map((id) => {
      const rule = findRule(id);
      if (!rule) throw new Error(`rule ${id} ran but is not registered`);
      return rule;
    }),
    version: VERSION,
    inputs: scanned.inputs,
    diagnostics: scanned.diagnostics,
    color: false,
    failOn,
    ...(scanned.blastRadius === undefined ? {} : { blastRadius: scanned.blastRadius }),
  };
  for (const [name, file] of outputs) {
    const target = path.resolve(cwd, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, formatters[name](scanned.result, context));
    streams.err(`aksward: wrote ${name} report to ${file}\n`);
  }
  // The terminal report shows diagnostics itself; machine formats keep stdout clean and log to stderr.
  if (format !== 'table') writeDiagnostics(scanned.diagnostics, streams);
  streams.out(
    formatters[format](scanned.result, {
      ...context,
      color: format === 'table' && decideColor(streams, flags.color),
    }),
  );
  return exitCodeFor({ gating: gating.length, incomplete: scanned.incomplete });
}

export async function baselineCommand(
  paths: readonly string[],
  flags: Pick<ScanFlags, 'config' | 'kubectl'> & { output: string },
  streams: Streams,
  cwd: string,
): Promise<number> {
  const { config, kubectl } = flags;
  const rest = { ...(config === undefined ? {} : { config }), ...(kubectl === undefined ? {} : { kubectl }) };
  const { result: scanned } = await runScan(paths, { ...rest, format: 'json' }, cwd, {});
  const baseline = createBaseline(scanned.result);
  const target = path.resolve(cwd, flags.output);
  writeFileSync(target, `${JSON.stringify(baseline, null, 2)}\n`);
  streams.err(`aksward: wrote ${baseline.findings.length} known findings to ${flags.output}\n`);
  writeDiagnostics(scanned.diagnostics, streams);
  return exitCodeFor({ gating: 0, incomplete: scanned.incomplete });
}
