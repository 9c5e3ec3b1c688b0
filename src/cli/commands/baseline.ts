/** @module `aksward baseline`: record the current findings, so later scans with `--baseline` report only new ones. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createBaseline } from '../../engine/baseline.js';
import { UsageError } from '../../errors.js';
import { isFormatName } from '../../report/index.js';
import type { CommandModule } from '../command.js';
import { exitCodeFor } from '../exit-codes.js';
import type { Streams } from '../io.js';
import { writeDiagnostics } from '../io.js';
import type { ScanFlags } from './scan.js';
import { runScan } from './scan.js';
import { namespaceOption } from '../load-model.js';

type BaselineFlags = Pick<
  ScanFlags,
  | 'config'
  | 'kubectl'
  | 'allowRemoteBases'
  | 'followSymlinks'
  | 'varFile'
  | 'var'
  | 'clusterScope'
  | 'parameters'
  | 'namespace'
> & {
  output: string;
};

async function baselineCommand(
  paths: readonly string[],
  flags: BaselineFlags,
  streams: Streams,
  cwd: string,
): Promise<number> {
  const { config, kubectl, allowRemoteBases, followSymlinks, clusterScope, parameters, namespace } = flags;
  const rest = {
    ...(config === undefined ? {} : { config }),
    ...(kubectl === undefined ? {} : { kubectl }),
    ...(allowRemoteBases === true ? { allowRemoteBases } : {}),
    ...(followSymlinks === true ? { followSymlinks } : {}),
    ...(flags.varFile ? { varFile: flags.varFile } : {}),
    ...(flags.var ? { var: flags.var } : {}),
    ...(clusterScope === undefined ? {} : { clusterScope }),
    ...(parameters === undefined ? {} : { parameters }),
    ...(namespace === undefined ? {} : { namespace }),
  };
  const { result: scanned } = await runScan(paths, { ...rest, format: 'json' }, cwd, { env: streams.env });
  const baseline = createBaseline(scanned.result);
  const output = baselineFile(flags.output);
  const target = path.resolve(cwd, output);
  writeFileSync(target, `${JSON.stringify(baseline, null, 2)}\n`);
  streams.err(`aksward: wrote ${baseline.findings.length} known findings to ${output}\n`);
  writeDiagnostics(scanned.diagnostics, streams);
  return exitCodeFor({ gating: 0, incomplete: scanned.incomplete });
}

/**
 * `-o file` or `-o json=file`: the `[<format>=]<file>` rule of `scan -o`; a baseline is always JSON, so
 * another format is a usage error rather than a file named `sarif=x`.
 */
export function baselineFile(spec: string): string {
  const eq = spec.indexOf('=');
  const prefix = eq > 0 ? spec.slice(0, eq) : '';
  if (prefix === 'json') {
    if (eq === spec.length - 1) throw new UsageError(`--output ${spec} names no file`);
    return spec.slice(eq + 1);
  }
  if (isFormatName(prefix) || prefix === 'md')
    throw new UsageError(`a baseline is written as JSON: use -o json=<file> or -o <file>, not ${prefix}=`);
  return spec;
}

export const baselineCommandModule: CommandModule = {
  register(program, { streams, cwd, setCode }) {
    program
      .command('baseline')
      .description('record the current findings, so later scans with --baseline report only new ones')
      .argument('[paths...]', 'the same inputs as scan', [])
      .option('-o, --output <[json=]file>', 'baseline file to write (JSON)', '.aksward-baseline.json')
      .option('-c, --config <file>', 'config file')
      .option('--kubectl <path>', 'kubectl used to render kustomizations')
      .addOption(namespaceOption())
      .action(async (paths: string[], flags: BaselineFlags) => {
        setCode(await baselineCommand(paths, flags, streams, cwd));
      });
  },
};
