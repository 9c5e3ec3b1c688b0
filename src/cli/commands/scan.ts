/** @module `aksward scan`: options in, pipeline, reports out, exit code. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Option } from 'commander';
import type { AkswardConfig } from '../../engine/config.js';
import { FAIL_ON_LEVELS } from '../../engine/config.js';
import { parseBaseline } from '../../engine/baseline.js';
import { UsageError } from '../../errors.js';
import { loadConfig } from '../../load/load-config.js';
import type { ReportContext } from '../../report/formatter.js';
import type { FormatName } from '../../report/index.js';
import { FORMAT_NAMES, formatters } from '../../report/index.js';
import { describeJsonError } from '../../load/parse-errors.js';
import { scan } from '../../scan.js';
import { findRule } from '../../rules/index.js';
import { VERSION } from '../../version.js';
import type { FailOn } from '../exit-codes.js';
import { exitCodeFor, gatingFindings } from '../exit-codes.js';
import type { CommandModule } from '../command.js';
import { collect } from '../command.js';
import type { Streams } from '../io.js';
import { decideColor, readStdin, writeDiagnostics } from '../io.js';
import { inputOptions, namespaceOption } from '../load-model.js';

export interface ScanFlags {
  readonly format: string;
  readonly output?: readonly string[];
  readonly failOn?: string;
  readonly config?: string;
  readonly baseline?: string;
  readonly color?: boolean;
  readonly kubectl?: string;
  readonly allowRemoteBases?: boolean;
  readonly followSymlinks?: boolean;
  readonly namespace?: string;
}

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
  const found = FAIL_ON_LEVELS.find((f) => f === value);
  if (!found) throw new UsageError(`--fail-on expects one of ${FAIL_ON_LEVELS.join(', ')}, got "${value}"`);
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

/** Config, fail-on threshold and baseline from the flags, then the `scan` library call (`baseline` runs it too). */
export async function runScan(
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
    ...inputOptions(flags),
  });
  return { result, failOn };
}

async function scanCommand(
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

export const scanCommandModule: CommandModule = {
  register(program, { streams, cwd, setCode }) {
    program
      .command('scan')
      .description(
        'scan manifests, cluster definitions (az aks show, ARM, Terraform) and report findings by surface',
      )
      .argument('[paths...]', 'files, folders, globs, or - for stdin', [])
      .addOption(
        new Option('-f, --format <format>', 'report on stdout').choices(FORMAT_NAMES).default('table'),
      )
      .option(
        '-o, --output <format=file>',
        'also write a report to a file (repeatable), e.g. sarif=results.sarif',
        collect,
      )
      .addOption(
        new Option(
          '--fail-on <severity>',
          'exit 1 on findings at or above this severity (default: high)',
        ).choices(FAIL_ON_LEVELS),
      )
      .option(
        '-c, --config <file>',
        'config file (default: .aksward.yaml from here up to the repository root)',
      )
      .option('--baseline <file>', 'hide findings recorded in this baseline (see `aksward baseline`)')
      .option('--color', 'force colour')
      .option('--no-color', 'no colour')
      .option('--kubectl <path>', 'kubectl used to render kustomizations')
      .addOption(namespaceOption())
      .action(async (paths: string[], flags: ScanFlags) => {
        setCode(await scanCommand(paths, flags, streams, cwd));
      });
  },
};
