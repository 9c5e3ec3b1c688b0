/** @module `aksward fix`: the hardening plan, its artifacts and the hardened inputs, written to a folder. */
import path from 'node:path';
import { fix, writeTree } from '../../fix.js';
import { loadConfig } from '../../load/load-config.js';
import { renderPlanJson, renderPlanMarkdown } from '../../report/fix/index.js';
import { EXIT } from '../exit-codes.js';
import type { CommandModule } from '../command.js';
import { collect } from '../command.js';
import { writeDiagnostics } from '../io.js';
import type { InputFlags } from '../load-model.js';
import { inputOptions, namespaceOption } from '../load-model.js';
import type { Timings } from '../../engine/timings.js';
import { timedAsync } from '../../engine/timings.js';
import { withTimings } from '../timings-summary.js';

interface FixFlags extends Omit<InputFlags, 'input'> {
  readonly output: string;
  readonly flows?: readonly string[];
  readonly auditLog?: readonly string[];
  readonly only?: readonly string[];
  readonly timings?: boolean;
}

export const fixCommandModule: CommandModule = {
  register(program, { streams, cwd, setCode }) {
    program
      .command('fix')
      .description(
        'write the hardening plan in the safe rollout order, its artifacts, and the inputs with every step applied',
      )
      .argument('[paths...]', 'the same inputs as scan', [])
      .requiredOption('-o, --output <dir>', 'folder for plan.md, plan.json, the artifacts and after/')
      .option('--flows <file>', 'Hubble flow logs (hubble observe -o json), repeatable', collect)
      .option(
        '--audit-log <file>',
        'Kubernetes audit events (audit.k8s.io/v1 JSON lines, AKS kube-audit export), repeatable',
        collect,
      )
      .option(
        '--only <surface|rule>',
        'only steps that close findings of this surface or rule, repeatable',
        collect,
      )
      .option('-c, --config <file>', 'config file')
      .option('--kubectl <path>', 'kubectl used to render kustomizations')
      .addOption(namespaceOption())
      .option(
        '--timings',
        'print on stderr where the time went: both scans, each part of the plan, the folder written',
      )
      .action(async (inputs: string[], flags: FixFlags) => {
        setCode(
          await withTimings(flags.timings === true, streams.err, (timings) => run(inputs, flags, timings)),
        );
      });

    async function run(inputs: string[], flags: FixFlags, timings: Timings | undefined): Promise<number> {
      const { config } = loadConfig({ cwd, ...(flags.config ? { explicit: flags.config } : {}) });
      const output = await fix(inputs.length > 0 ? inputs : ['.'], {
        cwd,
        config,
        ...inputOptions(flags, streams.env),
        ...(flags.flows ? { flows: flags.flows } : {}),
        ...(flags.auditLog ? { auditLogs: flags.auditLog } : {}),
        ...(flags.only ? { only: flags.only } : {}),
        ...(timings === undefined ? {} : { timings }),
      });
      const root = path.resolve(cwd, flags.output);
      const write = async (): Promise<void> => {
        let md = '';
        renderPlanMarkdown(output.plan, (t) => (md += t));
        let json = '';
        renderPlanJson(output.plan, (t) => (json += t));
        await writeTree(root, [
          ...output.artifacts,
          ...[...output.after].map(([relative, text]) => [path.join('after', relative), text] as const),
          ['plan.md', md],
          ['plan.json', json],
        ]);
      };
      await timedAsync(timings, 'report', 'plan folder', write);
      const errors = output.plan.diagnostics.filter((d) => d.level === 'error');
      writeDiagnostics(
        output.plan.diagnostics.map((d) => ({
          level: d.level === 'error' || d.level === 'info' ? d.level : 'warning',
          message: d.message,
          file: d.file ?? '',
          ...(d.line === undefined ? {} : { line: d.line }),
        })),
        streams,
      );
      const { steps, decisions, proof } = output.plan;
      streams.out(
        `aksward fix: ${steps.length} steps and ${decisions.length} decisions in ${path.relative(cwd, root) || '.'}/plan.md; ` +
          `failed findings ${sum(proof.before)} before, ${sum(proof.after)} after (scan ${path.relative(cwd, path.join(root, 'after')) || 'after'})\n`,
      );
      return errors.length > 0 ? EXIT.incomplete : EXIT.ok;
    }
  },
};

function sum(record: Readonly<Record<string, number>>): number {
  return Object.values(record).reduce((a, b) => a + b, 0);
}
