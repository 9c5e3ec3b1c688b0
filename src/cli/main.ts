#!/usr/bin/env node
/** @module The aksward command line: parses arguments, calls the library, sets the exit code. */
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { AkswardError } from '../errors.js';
import { VERSION } from '../version.js';
import { EXIT } from './exit-codes.js';
import type { Streams } from './io.js';
import { processStreams } from './io.js';
import type { AccessFlags } from './access-command.js';
import { accessCommand } from './access-command.js';
import type { CanIFlags } from './can-i-command.js';
import { canICommand } from './can-i-command.js';
import type { InputFlags } from './load-model.js';
import { loadModel } from './load-model.js';
import type { DiffFlags, DiffSide } from './diff-command.js';
import {
  SIDE_SEPARATOR,
  diffCommand,
  readSavedResult,
  sideFromModel,
  sideFromSaved,
  splitSides,
} from './diff-command.js';
import type { PathsFlags } from './paths-command.js';
import { pathsCommand } from './paths-command.js';
import type { ReachFlags } from './reach-command.js';
import { reachCommand } from './reach-command.js';
import { explainCommand, rulesCommand } from './rules-command.js';
import type { WhoCanFlags } from './who-can-command.js';
import { whoCanCommand } from './who-can-command.js';
import { baselineCommand, scanCommand } from './scan-command.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
const INPUT_OPTIONS = new Set(['allowRemoteBases', 'followSymlinks']);

function buildProgram(streams: Streams, cwd: string, setCode: (code: number) => void): Command {
  const program = new Command('aksward')
    .description(
      'Executable AKS hardening: the Azure plane and the Kubernetes plane of a cluster, as one model.',
    )
    .version(VERSION)
    .option('--debug', 'show stack traces of internal errors')
    .option(
      '--allow-remote-bases',
      'let kustomize fetch remote bases and resources and read outside the repository (off: not rendered)',
    )
    .option(
      '--follow-symlinks',
      'follow symbolic links that lead outside the paths given (off: listed as skipped)',
    )
    // Input options of the program, valid before or after the command name, reach every command's flags.
    .hook('preAction', (self, action) => {
      for (const [name, value] of Object.entries(self.opts()))
        if (INPUT_OPTIONS.has(name) && value === true) action.setOptionValue(name, true);
    })
    .exitOverride()
    .configureOutput({ writeOut: streams.out, writeErr: streams.err })
    .addHelpText(
      'after',
      '\nExit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage/config/internal error, 3 scan incomplete.',
    );

  program
    .command('scan')
    .description(
      'scan manifests, cluster definitions (az aks show, ARM, Terraform) and report findings by surface',
    )
    .argument('[paths...]', 'files, folders, globs, or - for stdin', [])
    .addOption(
      new Option('-f, --format <format>', 'report on stdout')
        .choices(['table', 'json', 'sarif', 'markdown', 'junit'])
        .default('table'),
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
      ).choices(['critical', 'high', 'medium', 'low', 'info', 'none']),
    )
    .option('-c, --config <file>', 'config file (default: .aksward.yaml from here up to the repository root)')
    .option('--baseline <file>', 'hide findings recorded in this baseline (see `aksward baseline`)')
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .option('--kubectl <path>', 'kubectl used to render kustomizations')
    .action(async (paths: string[], flags: Parameters<typeof scanCommand>[1]) => {
      setCode(await scanCommand(paths, flags, streams, cwd));
    });

  program
    .command('baseline')
    .description('record the current findings, so later scans with --baseline report only new ones')
    .argument('[paths...]', 'the same inputs as scan', [])
    .option('-o, --output <file>', 'baseline file to write', '.aksward-baseline.json')
    .option('-c, --config <file>', 'config file')
    .option('--kubectl <path>', 'kubectl used to render kustomizations')
    .action(async (paths: string[], flags: Parameters<typeof baselineCommand>[1]) => {
      setCode(await baselineCommand(paths, flags, streams, cwd));
    });

  const inputOption = () =>
    new Option('-i, --input <path>', 'inputs, as for scan (repeatable; default: .)').argParser(collect);

  program
    .command('can-i')
    .description('can a user, group or service account do this? (kubectl auth can-i over both RBAC planes)')
    .argument('<verb>')
    .argument('<resource>', 'resource[/subresource][.group], or a non-resource URL')
    .argument('[name]')
    .addOption(inputOption())
    .option('-n, --namespace <ns>', 'namespace of the request')
    .option('-A, --all-namespaces', 'in every namespace')
    .requiredOption(
      '--as <username>',
      'user to ask for (service accounts: system:serviceaccount:<ns>:<name>)',
    )
    .option('--as-group <group>', 'group of the user (repeatable)', collect)
    .option(
      '--cluster <name>',
      'the cluster whose settings and role assignments apply, if the inputs hold several',
    )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']))
    .option('-c, --config <file>', 'config file')
    .action(
      async (verb: string, resource: string, name: string | undefined, flags: CanIFlags & InputFlags) => {
        const model = await loadModel(flags.input ?? [], flags, streams, cwd);
        setCode(
          canICommand(model, { verb, resource, ...(name === undefined ? {} : { name }) }, flags, streams),
        );
      },
    );

  program
    .command('who-can')
    .description('every subject (and the workloads running as it) that can do this, with evidence')
    .argument('<verb>')
    .argument('<resource>', 'resource[/subresource][.group]')
    .addOption(inputOption())
    .option('-n, --namespace <ns>', 'namespace of the request')
    .option('-A, --all-namespaces', 'in every namespace')
    .option('--cluster <name>', 'the cluster whose settings and role assignments apply')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']))
    .option('-c, --config <file>', 'config file')
    .action(async (verb: string, resource: string, flags: WhoCanFlags & InputFlags) => {
      const model = await loadModel(flags.input ?? [], flags, streams, cwd);
      setCode(whoCanCommand(model, { verb, resource }, flags, streams));
    });

  program
    .command('access')
    .description('everything a user or service account can do, namespaced and cluster-wide')
    .argument('<username>')
    .addOption(inputOption())
    .option('--as-group <group>', 'group of the user (repeatable)', collect)
    .option('--cluster <name>', 'the cluster whose settings and role assignments apply')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']))
    .option('-c, --config <file>', 'config file')
    .action(async (username: string, flags: AccessFlags & InputFlags) => {
      const model = await loadModel(flags.input ?? [], flags, streams, cwd);
      setCode(accessCommand(model, username, flags, streams));
    });

  program
    .command('reach')
    .description(
      'exact NetworkPolicy reachability: who can connect to whom, on which ports; what leaves the cluster',
    )
    .argument('[paths...]', 'the same inputs as scan', [])
    .option('--from <ns/name|ip>', 'only connections from this workload (or address)')
    .option('--to <ns/name|ip>', 'only connections to this workload (or address)')
    .option('--port <port>', 'only this port: 443, TCP/443, 53/UDP')
    .option('--explain', 'the policies behind the pair --from → --to, for each direction')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'json', 'dot', 'markdown'])
        .default('table'),
    )
    .addOption(
      new Option('--compat <analyzer>', "reproduce another analyzer's modelling choices").choices([
        'netpol-analyzer',
      ]),
    )
    .option(
      '--ipblock-matches-pods',
      'ipBlocks also match pod IPs (Azure NPM, Calico); off by default, as Azure CNI powered by Cilium',
    )
    .addOption(
      new Option(
        '--host-network <as>',
        'treat hostNetwork pods as the node (default) or as ordinary pods',
      ).choices(['node', 'pod']),
    )
    .option('-c, --config <file>', 'config file')
    .option('--kubectl <path>', 'kubectl used to render kustomizations')
    .action(async (paths: string[], flags: ReachFlags & InputFlags) => {
      const model = await loadModel(paths, flags, streams, cwd);
      setCode(reachCommand(model, flags, streams));
    });

  program
    .command('paths')
    .description("each internet-exposed workload's blast radius and the attack paths from it")
    .argument('[paths...]', 'the same inputs as scan', [])
    .option('--from <ns/name>', 'paths from this workload instead of from the exposed ones')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'json', 'dot', 'markdown'])
        .default('table'),
    )
    .option('-c, --config <file>', 'config file')
    .option('--kubectl <path>', 'kubectl used to render kustomizations')
    .action(async (paths: string[], flags: PathsFlags & InputFlags) => {
      const model = await loadModel(paths, flags, streams, cwd);
      setCode(pathsCommand(model, flags, streams));
    });

  program
    .command('diff')
    .description('what a change opened and closed: findings, reachability, blast radius per exposed workload')
    .argument(
      '<inputs...>',
      'the inputs before, `--`, the inputs after (each side: files, folders, or one saved `scan -f json` result); or exactly two paths',
    )
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'),
    )
    .option('-c, --config <file>', 'config file')
    .option('--kubectl <path>', 'kubectl used to render kustomizations')
    .action(async (inputs: string[], flags: DiffFlags & InputFlags) => {
      const today = new Date().toISOString().slice(0, 10);
      const side = async (name: string, paths: readonly string[]): Promise<DiffSide> => {
        const saved = paths.length === 1 ? readSavedResult(path.resolve(cwd, paths[0] ?? '')) : undefined;
        if (saved) return sideFromSaved(paths[0] ?? name, saved);
        return sideFromModel(paths.join(' '), await loadModel(paths, flags, streams, cwd), today);
      };
      const [before, after] = splitSides(inputs);
      setCode(diffCommand(await side('before', before), await side('after', after), flags, streams));
    });

  program
    .command('rules')
    .description('list the rules: id, surface, severity, title')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['table', 'md', 'json']).default('table'),
    )
    .action((flags: { format: string }) => {
      setCode(rulesCommand(flags, streams));
    });

  program
    .command('explain')
    .description('why a rule matters and how to fix it')
    .argument('<rule-id>')
    .action((ruleId: string) => {
      setCode(explainCommand(ruleId, streams));
    });
  return program;
}

/** `diff a b -- c d`: commander drops a bare `--`, so it is kept as a marker the diff command splits on. */
function withDiffSeparator(argv: readonly string[]): string[] {
  const command = argv.findIndex((a) => !a.startsWith('-'));
  if (argv[command] !== 'diff') return [...argv];
  const at = argv.indexOf('--', command);
  return at === -1 ? [...argv] : [...argv.slice(0, at), SIDE_SEPARATOR, ...argv.slice(at + 1)];
}

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it in-process. */
export async function runCli(
  argv: readonly string[],
  streams: Streams = processStreams,
  cwd = process.cwd(),
): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(streams, cwd, (c) => (code = c));
  try {
    await program.parseAsync(withDiffSeparator(argv), { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.exitCode === 0
        ? EXIT.ok
        : EXIT.error;
    }
    if (error instanceof AkswardError) {
      streams.err(`aksward: ${error.message}\n`);
      if (argv.includes('--debug') && error.cause instanceof Error)
        streams.err(`${error.cause.stack ?? ''}\n`);
      return EXIT.error;
    }
    streams.err(`aksward: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (argv.includes('--debug') && error instanceof Error) streams.err(`${error.stack ?? ''}\n`);
    return EXIT.error;
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain || process.argv[1]?.endsWith('/aksward')) {
  process.exitCode = await runCli(process.argv.slice(2));
}
