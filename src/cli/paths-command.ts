/** @module `aksward paths`: each internet-exposed workload's blast radius and attack paths (or from `--from ns/name`). */
import type { ClusterModel } from '../model/index.js';
import { attackGraphOf, workloadId } from '../analysis/paths/index.js';
import { eachLandingReport, landingStarts, renderPathsDot, writePaths } from '../analysis/paths/report.js';

/** The shape of the CLI's streams (structural, so the lead's `Streams` fits). */
export interface PathsStreams {
  out(s: string): void;
  err(s: string): void;
  readonly stdoutIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface PathsFlags {
  /** `namespace/name` of any workload: paths from there instead of from every exposed workload. */
  readonly from?: string;
  /** `table` (default), `json`, `dot` or `markdown`. */
  readonly format?: string;
}

const USAGE_ERROR = 2;
const FORMATS = ['table', 'json', 'dot', 'markdown'];

export function pathsCommand(model: ClusterModel, flags: PathsFlags, streams: PathsStreams): number {
  const format = flags.format ?? 'table';
  if (!FORMATS.includes(format)) {
    streams.err(`aksward: unknown format "${format}" (expected ${FORMATS.join(', ')})\n`);
    return USAGE_ERROR;
  }
  let from: string | undefined;
  if (flags.from !== undefined) {
    const [namespace, name, extra] = flags.from.split('/');
    from = namespace && name && extra === undefined ? workloadId(namespace, name) : undefined;
    if (from === undefined || !attackGraphOf(model).nodes.has(from)) {
      streams.err(`aksward: --from ${flags.from}: no workload of that namespace/name in the inputs\n`);
      return USAGE_ERROR;
    }
  }
  if (format === 'dot')
    streams.out(renderPathsDot(model, eachLandingReport(model, landingStarts(model, from))));
  else
    writePaths(
      model,
      landingStarts(model, from),
      format === 'json' ? 'json' : format === 'markdown' ? 'markdown' : 'table',
      (text) => {
        streams.out(text);
      },
    );
  return 0;
}
