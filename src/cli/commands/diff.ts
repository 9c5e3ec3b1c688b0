/**
 * @module `aksward diff <before...> -- <after...>`: what a change opened and closed. Each side is inputs
 * (loaded as `scan` loads them) or one saved `scan -f json` result (read here, checked by the engine).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Option } from 'commander';
import type { DiffResult, DiffSide, FindingChange, SavedReport } from '../../engine/diff.js';
import { FAIL_ON_LEVELS } from '../../engine/config.js';
import { loadConfig } from '../../load/load-config.js';
import { severityRank } from '../../rules/types.js';
import type { FailOn } from '../exit-codes.js';
import { EXIT } from '../exit-codes.js';
import { diff, savedReportOf, sideFromModel, sideFromSaved } from '../../engine/diff.js';
import { UsageError } from '../../errors.js';
import type { DiffFormat } from '../../report/diff/index.js';
import { DIFF_FORMATS, diffRenderers, diffWarnings } from '../../report/diff/index.js';
import type { CliEnv, CommandModule } from '../command.js';
import { formatOption } from '../command.js';
import type { UnreadInput } from '../completeness.js';
import { renderAnswer } from '../completeness.js';
import type { InputFlags } from '../load-model.js';
import { loadModel, namespaceOption } from '../load-model.js';

interface DiffFlags extends InputFlags {
  readonly format: DiffFormat;
  readonly failOn?: FailOn;
}

/** Opened failing findings at or above `failOn`: the ones that make `diff` exit 1. */
export function gatingChanges(result: DiffResult, failOn: FailOn): FindingChange[] {
  if (failOn === 'none') return [];
  const threshold = severityRank(failOn);
  return result.changes.findingChanges.opened.filter(
    (c) => c.status === 'fail' && c.severity !== undefined && severityRank(c.severity) >= threshold,
  );
}

/** Stands for the `--` between the two sides: commander drops a bare `--`, so `runCli` swaps it for this. */
export const SIDE_SEPARATOR = '\u0000aksward-diff-separator';

/** `diff a b -- c d`: commander drops a bare `--`, so it is kept as a marker the diff command splits on. */
export function withDiffSeparator(argv: readonly string[]): string[] {
  const command = argv.findIndex((a) => !a.startsWith('-'));
  if (argv[command] !== 'diff') return [...argv];
  const at = argv.indexOf('--', command);
  return at === -1 ? [...argv] : [...argv.slice(0, at), SIDE_SEPARATOR, ...argv.slice(at + 1)];
}

/** `before... -- after...`, or exactly two inputs (`before after`). */
export function splitSides(inputs: readonly string[]): [readonly string[], readonly string[]] {
  const at = inputs.indexOf(SIDE_SEPARATOR);
  if (at !== -1) {
    const before = inputs.slice(0, at);
    const after = inputs.slice(at + 1).filter((i) => i !== SIDE_SEPARATOR);
    if (before.length > 0 && after.length > 0) return [before, after];
  } else if (inputs.length === 2) {
    return [[inputs[0] ?? ''], [inputs[1] ?? '']];
  }
  throw new UsageError(
    'diff takes two sides: `aksward diff <inputs before> -- <inputs after>`, or `aksward diff <before> <after>` (inputs or saved JSON results)',
  );
}

/**
 * The error diagnostics a saved result lists: a result of an incomplete scan makes the diff incomplete.
 * Read loosely (the engine's schema does not hold them); an entry without a file or message is skipped.
 */
function unreadOfSaved(parsed: unknown): UnreadInput[] {
  const list = (parsed as { diagnostics?: unknown }).diagnostics;
  if (!Array.isArray(list)) return [];
  return list.flatMap((d: unknown) => {
    const { level, file, line, message } = (d ?? {}) as Record<string, unknown>;
    if (level !== 'error' || typeof file !== 'string' || typeof message !== 'string') return [];
    return [{ file, ...(typeof line === 'number' ? { line } : {}), message }];
  });
}

/** A saved `aksward scan --format json` result, when `file` is one (checked on its content, not its name). */
function readSavedReport(file: string): { report: SavedReport; unread: UnreadInput[] } | undefined {
  if (path.extname(file).toLowerCase() !== '.json') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const report = savedReportOf(parsed, file);
  return report && { report, unread: unreadOfSaved(parsed) };
}

async function sideOf(
  name: string,
  paths: readonly string[],
  flags: DiffFlags,
  { streams, cwd }: CliEnv,
  today: string,
): Promise<{ side: DiffSide; unread: UnreadInput[] }> {
  const saved = paths.length === 1 ? readSavedReport(path.resolve(cwd, paths[0] ?? '')) : undefined;
  if (saved) return { side: sideFromSaved(paths[0] ?? name, saved.report), unread: saved.unread };
  const { model, scopes, unread } = await loadModel(paths, flags, streams, cwd);
  return { side: sideFromModel(paths.join(' '), model, today, scopes), unread };
}

export const diffCommandModule: CommandModule = {
  register(program, env) {
    program
      .command('diff')
      .description(
        'what a change opened and closed: findings, reachability, blast radius per exposed workload',
      )
      .argument(
        '<inputs...>',
        'the inputs before, `--`, the inputs after (each side: files, folders, or one saved `scan -f json` result); or exactly two paths',
      )
      .addOption(formatOption(DIFF_FORMATS))
      .addOption(
        new Option(
          '--fail-on <severity>',
          'exit 1 when the change opened findings at or above this severity (default: failOn of the config, else high)',
        ).choices(FAIL_ON_LEVELS),
      )
      .option('-c, --config <file>', 'config file')
      .option('--kubectl <path>', 'kubectl used to render kustomizations')
      .addOption(namespaceOption())
      .action(async (inputs: string[], flags: DiffFlags) => {
        const today = new Date().toISOString().slice(0, 10);
        const [before, after] = splitSides(inputs);
        const a = await sideOf('before', before, flags, env, today);
        const b = await sideOf('after', after, flags, env, today);
        const result = diff(a.side, b.side);
        const warnings = diffWarnings(result);
        if (warnings !== '') env.streams.err(warnings);
        const json = flags.format === 'json';
        const unread = [...a.unread, ...b.unread];
        const { config } = loadConfig({ cwd: env.cwd, ...(flags.config ? { explicit: flags.config } : {}) });
        const failOn = flags.failOn ?? config.failOn ?? 'high';
        const code = gatingChanges(result, failOn).length > 0 ? EXIT.findings : EXIT.ok;
        env.setCode(renderAnswer(diffRenderers[flags.format], result, { json }, unread, env.streams, code));
      });
  },
};
