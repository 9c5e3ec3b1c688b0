/** @module `aksward baseline`: record the current findings, so later scans with `--baseline` report only new ones. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createBaseline } from '../../engine/baseline.js';
import type { CommandModule } from '../command.js';
import { exitCodeFor } from '../exit-codes.js';
import type { Streams } from '../io.js';
import { writeDiagnostics } from '../io.js';
import type { ScanFlags } from './scan.js';
import { runScan } from './scan.js';
import { namespaceOption } from '../load-model.js';

type BaselineFlags = Pick<
  ScanFlags,
  'config' | 'kubectl' | 'allowRemoteBases' | 'followSymlinks' | 'namespace'
> & {
  output: string;
};

async function baselineCommand(
  paths: readonly string[],
  flags: BaselineFlags,
  streams: Streams,
  cwd: string,
): Promise<number> {
  const { config, kubectl, allowRemoteBases, followSymlinks, namespace } = flags;
  const rest = {
    ...(config === undefined ? {} : { config }),
    ...(kubectl === undefined ? {} : { kubectl }),
    ...(allowRemoteBases === true ? { allowRemoteBases } : {}),
    ...(followSymlinks === true ? { followSymlinks } : {}),
    ...(namespace === undefined ? {} : { namespace }),
  };
  const { result: scanned } = await runScan(paths, { ...rest, format: 'json' }, cwd, {});
  const baseline = createBaseline(scanned.result);
  const target = path.resolve(cwd, flags.output);
  writeFileSync(target, `${JSON.stringify(baseline, null, 2)}\n`);
  streams.err(`aksward: wrote ${baseline.findings.length} known findings to ${flags.output}\n`);
  writeDiagnostics(scanned.diagnostics, streams);
  return exitCodeFor({ gating: 0, incomplete: scanned.incomplete });
}

export const baselineCommandModule: CommandModule = {
  register(program, { streams, cwd, setCode }) {
    program
      .command('baseline')
      .description('record the current findings, so later scans with --baseline report only new ones')
      .argument('[paths...]', 'the same inputs as scan', [])
      .option('-o, --output <file>', 'baseline file to write', '.aksward-baseline.json')
      .option('-c, --config <file>', 'config file')
      .option('--kubectl <path>', 'kubectl used to render kustomizations')
      .addOption(namespaceOption())
      .action(async (paths: string[], flags: BaselineFlags) => {
        setCode(await baselineCommand(paths, flags, streams, cwd));
      });
  },
};
