/** @module `aksward reach`: the allowed connections between workloads and with the outside, or why one pair is (not) connected. */
import { Option } from 'commander';
import type { ReachabilityOptions, ReachFocus, ReachResult } from '../../engine/reach.js';
import { parsePort, reach } from '../../engine/reach.js';
import type { ScopedReachResult } from '../../engine/scoped-reach.js';
import { reachInScopes } from '../../engine/scoped-reach.js';
import { UsageError } from '../../errors.js';
import type { ReachFormat } from '../../report/reach/index.js';
import {
  REACH_FORMATS,
  explainRenderers,
  reachRenderers,
  reachWarnings,
  scopedExplainRenderers,
  scopedReachRenderers,
  scopedReachWarnings,
} from '../../report/reach/index.js';
import type { Render } from '../../report/render.js';
import type { CommandModule } from '../command.js';
import type { Streams } from '../io.js';
import { formatOption } from '../command.js';
import { renderAnswer } from '../completeness.js';
import type { InputFlags } from '../load-model.js';
import { loadModel, namespaceOption } from '../load-model.js';

interface ReachFlags extends InputFlags {
  /** `namespace/name`, or an IP address for traffic from outside the cluster. */
  readonly from?: string;
  readonly to?: string;
  /** `443`, `TCP/443`, `53/UDP`. */
  readonly port?: string;
  /** Explain the pair `--from` → `--to`: the policies behind each direction. */
  readonly explain?: boolean;
  readonly format: ReachFormat;
  readonly compat?: 'netpol-analyzer';
  /** ipBlocks match pod IPs stated in the input (Calico, upstream e2e); default off, as AKS Cilium. */
  readonly ipblockMatchesPods?: boolean;
  readonly hostNetwork?: 'node' | 'pod';
}

function optionsOf(flags: ReachFlags): ReachabilityOptions {
  return {
    ...(flags.compat === undefined ? {} : { compat: flags.compat }),
    ...(flags.ipblockMatchesPods === undefined ? {} : { ipBlockMatchesPods: flags.ipblockMatchesPods }),
    ...(flags.hostNetwork === undefined ? {} : { hostNetwork: flags.hostNetwork }),
  };
}

/** A result and the format that prints it, whatever its type. */
interface Answer<Result = unknown> {
  readonly render: Render<Result>;
  readonly result: Result;
}

const answerOf = <Result>(render: Render<Result>, result: Result): Answer => ({ render, result }) as Answer;

function explainRenderer<Result>(
  renderers: Readonly<Partial<Record<ReachFormat, Render<Result>>>>,
  format: ReachFormat,
): Render<Result> {
  const render = renderers[format];
  if (!render) throw new UsageError(`--explain prints ${Object.keys(renderers).join(' or ')}, not ${format}`);
  return render;
}

/** One cluster: the answer as it always was. */
function singleAnswer(result: ReachResult, flags: ReachFlags, focus: ReachFocus, streams: Streams): Answer {
  const warnings = reachWarnings(result);
  if (warnings !== '') streams.err(warnings);
  if (flags.explain === true)
    return answerOf(
      explainRenderer(explainRenderers, flags.format),
      result.explain(focus.from ?? '', focus.to ?? ''),
    );
  return answerOf(reachRenderers[flags.format], result.connections(focus));
}

/** Several clusters: each on its own, the rows naming their scopes. */
function scopedAnswer(
  result: ScopedReachResult,
  flags: ReachFlags,
  focus: ReachFocus,
  streams: Streams,
): Answer {
  const warnings = scopedReachWarnings(result.scopes);
  if (warnings !== '') streams.err(warnings);
  if (flags.explain === true)
    return answerOf(
      explainRenderer(scopedExplainRenderers, flags.format),
      result.explain(focus.from ?? '', focus.to ?? ''),
    );
  return answerOf(scopedReachRenderers[flags.format], result.connections(focus));
}

export const reachCommandModule: CommandModule = {
  register(program, { streams, cwd, setCode }) {
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
      .addOption(formatOption(REACH_FORMATS))
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
      .addOption(namespaceOption())
      .action(async (paths: string[], flags: ReachFlags) => {
        const { model, scopes, unread } = await loadModel(paths, flags, streams, cwd);
        const port = flags.port === undefined ? undefined : parsePort(flags.port);
        if (flags.explain === true && (flags.from === undefined || flags.to === undefined))
          throw new UsageError('--explain needs --from and --to');
        const focus = {
          ...(flags.from === undefined ? {} : { from: flags.from }),
          ...(flags.to === undefined ? {} : { to: flags.to }),
          ...(port === undefined ? {} : { port }),
        };
        const [only] = scopes;
        const answer =
          scopes.length > 1
            ? scopedAnswer(reachInScopes(scopes, optionsOf(flags)), flags, focus, streams)
            : singleAnswer(reach(only?.model ?? model, optionsOf(flags)), flags, focus, streams);
        const json = flags.format === 'json';
        setCode(
          renderAnswer(answer.render, answer.result, { json, arrayKey: 'connections' }, unread, streams, 0),
        );
      });
  },
};
