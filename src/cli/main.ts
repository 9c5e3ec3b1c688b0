#!/usr/bin/env node
/** @module The aksward command line: parses arguments, calls the library, sets the exit code. */
import { Command, CommanderError, Option } from 'commander';
import { AkswardError } from '../errors.js';
import { CLUSTER_SCOPE_MODES } from '../load/scopes/assign-scopes.js';
import { VERSION } from '../version.js';
import type { CliEnv } from './command.js';
import { collect } from './command.js';
import { COMMANDS } from './commands/index.js';
import { withDiffSeparator } from './commands/diff.js';
import { EXIT } from './exit-codes.js';
import type { Streams } from './io.js';
import { guardProcessStreams, outputFailed, processStreams } from './io.js';

const INPUT_OPTIONS = new Set([
  'allowRemoteBases',
  'followSymlinks',
  'varFile',
  'var',
  'clusterScope',
  'parameters',
]);

function buildProgram(env: CliEnv): Command {
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
    .option(
      '--parameters <file>',
      'a parameter file (.bicepparam or ARM parameters JSON) applied to the template it names or sits beside (repeatable)',
      collect,
    )
    .option(
      '--var-file <file>',
      'Terraform var file applied after terraform.tfvars and *.auto.tfvars (repeatable, in order)',
      collect,
    )
    .option('--var <name=value>', 'Terraform variable value, above every var file (repeatable)', collect)
    .addOption(
      new Option(
        '--cluster-scope <mode>',
        'which inputs form one cluster for reachability, RBAC and attack paths (default: auto, what the repository layout says)',
      ).choices(CLUSTER_SCOPE_MODES),
    )
    // Input options of the program, valid before or after the command name, reach every command's flags.
    .hook('preAction', (self, action) => {
      for (const [name, value] of Object.entries(self.opts())) {
        if (!INPUT_OPTIONS.has(name)) continue;
        if (value === true || typeof value === 'string') action.setOptionValue(name, value);
        // Repeatable values: those given before the command name come first.
        if (Array.isArray(value)) {
          const own: unknown = action.getOptionValue(name);
          action.setOptionValue(name, [
            ...(value as string[]),
            ...(Array.isArray(own) ? (own as string[]) : []),
          ]);
        }
      }
    })
    .exitOverride()
    .configureOutput({ writeOut: env.streams.out, writeErr: env.streams.err })
    .addHelpText(
      'after',
      '\nExit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage/config/internal error, 3 scan incomplete.',
    );
  for (const command of COMMANDS) command.register(program, env);
  return program;
}

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it in-process. */
export async function runCli(
  argv: readonly string[],
  streams: Streams = processStreams,
  cwd = process.cwd(),
): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram({ streams, cwd, setCode: (c) => (code = c) });
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
  guardProcessStreams();
  const code = await runCli(process.argv.slice(2));
  process.exitCode = outputFailed() ? EXIT.error : code;
}
