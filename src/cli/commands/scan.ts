/** @module `aksward scan`: options in, pipeline, reports out, exit code. */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Option } from 'commander';
import type { AkswardConfig } from '../../engine/config.js';
import { FAIL_ON_LEVELS } from '../../engine/config.js';
import { parseBaseline } from '../../engine/baseline.js';
import { UsageError } from '../../errors.js';
import { loadConfig } from '../../load/load-config.js';
import type { ReportContext, TableView } from '../../report/formatter.js';
import type { VerdictKind } from '../../report/verdict.js';
import { decideVerdict } from '../../report/verdict.js';
import type { AuditResult } from '../../engine/run-audit.js';
import type { AnyRule } from '../../rules/define-rule.js';
import { allRules, findRule } from '../../rules/index.js';
import { describeUnknownRules } from '../../rules/suggest-rule.js';
import type { Severity } from '../../rules/types.js';
import { SEVERITIES, severityRank } from '../../rules/types.js';
import { startProgress } from '../progress.js';
import { EXIT } from '../exit-codes.js';
import type { FormatName } from '../../report/index.js';
import { FORMAT_NAMES, streamers } from '../../report/index.js';
import { writeFileInChunks } from '../chunked-output.js';
import { chunked } from '../../report/chunked.js';
import { describeJsonError } from '../../load/parse-errors.js';
import type { ScanResult } from '../../scan.js';
import { scan } from '../../scan.js';
import type { Timings } from '../../engine/timings.js';
import { timed } from '../../engine/timings.js';
import { withTimings } from '../timings-summary.js';
import { VERSION } from '../../version.js';
import type { FailOn } from '../exit-codes.js';
import type { CommandModule } from '../command.js';
import { collect, formatOption, resolveFormat } from '../command.js';
import type { Streams } from '../io.js';
import { decideColor, readStdin, writeDiagnostics } from '../io.js';
import { inputOptions, namespaceOption } from '../load-model.js';

export interface ScanFlags {
  readonly format: FormatName;
  readonly output?: readonly string[];
  readonly failOn?: string;
  readonly config?: string;
  readonly baseline?: string;
  readonly color?: boolean;
  readonly kubectl?: string;
  readonly allowRemoteBases?: boolean;
  readonly followSymlinks?: boolean;
  readonly details?: boolean;
  readonly verbose?: boolean;
  readonly compact?: boolean;
  readonly quiet?: boolean;
  readonly severity?: string;
  readonly rule?: readonly string[];
  readonly skipRule?: readonly string[];
  readonly varFile?: readonly string[];
  readonly var?: readonly string[];
  readonly clusterScope?: string;
  readonly parameters?: readonly string[];
  readonly namespace?: string;
  readonly timings?: boolean;
}

/** The format a report file's name implies: `.sarif`, `.json`, `.md`, `.xml` (JUnit), `.txt` (table). */
const EXTENSION_FORMATS: readonly (readonly [string, FormatName])[] = [
  ['.sarif.json', 'sarif'],
  ['.sarif', 'sarif'],
  ['.json', 'json'],
  ['.md', 'markdown'],
  ['.markdown', 'markdown'],
  ['.xml', 'junit'],
  ['.txt', 'table'],
];

/**
 * `-o sarif=results.sarif`, or `-o results.sarif` with the format taken from the extension (as
 * `baseline -o file` takes a file): one rule for both commands, `[<format>=]<file>`.
 */
export function parseOutput(spec: string): [FormatName, string] {
  const eq = spec.indexOf('=');
  const named = eq > 0 ? resolveFormat(FORMAT_NAMES, spec.slice(0, eq)) : undefined;
  if (named !== undefined) {
    if (eq === spec.length - 1) throw new UsageError(`--output ${spec} names no file`);
    return [named, spec.slice(eq + 1)];
  }
  const lower = spec.toLowerCase();
  const byExtension = EXTENSION_FORMATS.find(([ext]) => lower.endsWith(ext));
  if (byExtension === undefined)
    throw new UsageError(
      `--output ${spec}: cannot tell the format from the name; write <format>=<file> (${FORMAT_NAMES.join(', ')}) or use .json, .sarif, .md, .xml or .txt`,
    );
  return [byExtension[1], spec];
}

/** `--severity high` (high and above) or `--severity critical,low` (exactly these). */
export function parseSeverityFilter(spec: string): ReadonlySet<Severity> {
  const names = spec
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
  const wrong = names.filter((n) => !SEVERITIES.some((s) => s === n));
  if (names.length === 0 || wrong.length > 0)
    throw new UsageError(
      `--severity expects a severity (that one and above) or a comma list of ${SEVERITIES.join(', ')}; got "${spec}"`,
    );
  const picked = SEVERITIES.filter((s) => names.includes(s));
  if (names.length > 1) return new Set(picked);
  const min = severityRank(picked[0] ?? 'info');
  return new Set(SEVERITIES.filter((s) => severityRank(s) >= min));
}

/** The rules `--rule` and `--skip-rule` leave (each repeatable or a comma list); an unknown id is a usage error. */
export function selectRules(only: readonly string[], skip: readonly string[]): readonly AnyRule[] {
  const split = (values: readonly string[]) =>
    values
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v !== '');
  const wanted = split(only);
  const skipped = split(skip);
  const ids = allRules.map((r) => r.id);
  const unknown = [...wanted, ...skipped].filter((id) => !ids.includes(id));
  if (unknown.length > 0)
    throw new UsageError(`unknown rule(s): ${describeUnknownRules([...new Set(unknown)], ids)}`);
  return allRules.filter((r) => (wanted.length === 0 || wanted.includes(r.id)) && !skipped.includes(r.id));
}

/** The table's view from the flags: `--quiet` over `--compact` over `--details`/`--verbose`. */
function viewOf(flags: ScanFlags): TableView {
  if (flags.quiet === true) return 'quiet';
  if (flags.compact === true) return 'compact';
  return flags.details === true || flags.verbose === true ? 'details' : 'summary';
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
  extra: { baseline?: ReadonlySet<string>; env?: Streams['env']; timings?: Timings } = {},
) {
  const { config } = loadConfig({ cwd, ...(flags.config ? { explicit: flags.config } : {}) });
  const failOn = resolveFailOn(flags.failOn, config);
  const baseline = flags.baseline ? readBaseline(cwd, flags.baseline) : extra.baseline;
  const selected = flags.rule !== undefined || flags.skipRule !== undefined;
  const rules = selected ? selectRules(flags.rule ?? [], flags.skipRule ?? []) : undefined;
  const result = await scan(paths.length > 0 ? paths : ['.'], {
    cwd,
    config,
    readStdin,
    ...(baseline ? { baseline } : {}),
    ...(rules ? { rules } : {}),
    ...(extra.timings ? { timings: extra.timings } : {}),
    ...inputOptions(flags, extra.env ?? {}),
  });
  return { result, failOn };
}

/** The findings of the severities `--severity` keeps (every report, and the exit code, see only them). */
function filterSeverity(result: AuditResult, spec: string | undefined): AuditResult {
  if (spec === undefined) return result;
  const keep = parseSeverityFilter(spec);
  return { ...result, findings: result.findings.filter((f) => keep.has(f.severity)) };
}

const VERDICT_EXIT: Readonly<Record<VerdictKind, number>> = {
  fail: EXIT.findings,
  pass: EXIT.ok,
  done: EXIT.ok,
  incomplete: EXIT.incomplete,
  'not-assessed': EXIT.incomplete,
};

/**
 * What the reports read of a scan. The model and its analyses (most of the memory a scan holds) are not
 * kept: the garbage collector can take them back while the reports are written.
 */
function reportedPart(scanned: ScanResult) {
  const { result, inputs, diagnostics, blastRadius, scopes } = scanned;
  return { result, inputs, diagnostics, blastRadius, scopes: scopes.length > 1 ? scopes : [] };
}

async function scanCommand(
  paths: readonly string[],
  flags: ScanFlags,
  streams: Streams,
  cwd: string,
): Promise<number> {
  return withTimings(flags.timings === true, streams.err, (timings) =>
    reportScan(paths, flags, streams, cwd, timings),
  );
}

async function reportScan(
  paths: readonly string[],
  flags: ScanFlags,
  streams: Streams,
  cwd: string,
  timings: Timings | undefined,
): Promise<number> {
  const format = flags.format;
  const outputs = (flags.output ?? []).map(parseOutput);
  if (flags.severity !== undefined) parseSeverityFilter(flags.severity);
  const stopProgress = startProgress(streams);
  const { scanned, failOn } = await runScan(paths, flags, cwd, {
    env: streams.env,
    ...(timings ? { timings } : {}),
  })
    .then(({ result: full, failOn: level }) => ({ scanned: reportedPart(full), failOn: level }))
    .finally(stopProgress);
  const result = filterSeverity(scanned.result, flags.severity);
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
    view: viewOf(flags),
    ...fullReportOf(outputs),
    ...(scanned.scopes.length > 0 ? { scopes: scanned.scopes } : {}),
  };
  for (const [name, file] of outputs) {
    const target = path.resolve(cwd, file);
    mkdirSync(path.dirname(target), { recursive: true });
    timed(timings, 'report', `${name} to ${file}`, () => {
      writeFileInChunks(target, (write) => {
        streamers[name](result, { ...context, view: 'details' }, write);
      });
    });
    streams.err(`aksward: wrote ${name} report to ${file}\n`);
  }
  // The terminal report shows diagnostics itself (but not when quiet); machine formats keep stdout
  // clean and log to stderr.
  if (format !== 'table') writeDiagnostics(scanned.diagnostics, streams);
  else if (context.view === 'quiet')
    writeDiagnostics(
      scanned.diagnostics.filter((d) => d.level === 'error'),
      streams,
    );
  timed(timings, 'report', `${format} to stdout`, () => {
    const out = chunked(streams.out);
    streamers[format](
      result,
      { ...context, color: format === 'table' && decideColor(streams, flags.color) },
      out.write,
    );
    out.end();
  });
  return VERDICT_EXIT[decideVerdict(result, context).kind];
}

/** The machine-readable report written with `-o`, which a cut Markdown or table report points to. */
function fullReportOf(outputs: readonly [FormatName, string][]): { fullReport?: string } {
  const full = outputs.find(([name]) => name === 'json' || name === 'sarif');
  return full === undefined ? {} : { fullReport: full[1] };
}

export const scanCommandModule: CommandModule = {
  register(program, { streams, cwd, setCode }) {
    program
      .command('scan')
      .description(
        'scan manifests, cluster definitions (az aks show, ARM, Terraform) and report findings by surface',
      )
      .argument('[paths...]', 'files, folders, globs, or - for stdin', [])
      .addOption(formatOption(FORMAT_NAMES, 'report on stdout'))
      .option(
        '-o, --output <[format=]file>',
        'also write a report to a file (repeatable): sarif=results.sarif, or results.sarif (format from the extension); always in full',
        collect,
      )
      .option('--details', 'the table lists every finding with file:line, message and fix')
      .option('--verbose', 'the same as --details')
      .option('--compact', 'the table lists one line per finding, without fix text')
      .option('-q, --quiet', 'the table is only the verdict line and the failing counts')
      .option(
        '--severity <min|list>',
        'only findings of these severities, in every report and for the exit code: high (high and above) or critical,low (exactly these)',
      )
      .option('--rule <id>', 'run only this rule (repeatable, or a comma list)', collect)
      .option('--skip-rule <id>', 'do not run this rule (repeatable, or a comma list)', collect)
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
      .option(
        '--timings',
        'print on stderr where the time went: reading the inputs, each analysis and rule, the reports',
      )
      .action(async (paths: string[], flags: ScanFlags) => {
        setCode(await scanCommand(paths, flags, streams, cwd));
      });
  },
};
