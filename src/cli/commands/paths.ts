/** @module `aksward paths`: each internet-exposed workload's blast radius and attack paths (or from `--from ns/name`). */
import { pathsInScopes } from '../../engine/scoped-paths.js';
import type { PathsFormat } from '../../report/paths/index.js';
import { PATHS_FORMATS, pathsRenderers } from '../../report/paths/index.js';
import type { CommandModule } from '../command.js';
import { formatOption } from '../command.js';
import { renderAnswer } from '../completeness.js';
import type { InputFlags } from '../load-model.js';
import { loadModel, namespaceOption } from '../load-model.js';

interface PathsFlags extends InputFlags {
  /** `namespace/name` of any workload: paths from there instead of from every exposed workload. */
  readonly from?: string;
  readonly format: PathsFormat;
}

export const pathsCommandModule: CommandModule = {
  register(program, { streams, cwd, setCode }) {
    program
      .command('paths')
      .description("each internet-exposed workload's blast radius and the attack paths from it")
      .argument('[paths...]', 'the same inputs as scan', [])
      .option('--from <ns/name>', 'paths from this workload instead of from the exposed ones')
      .addOption(formatOption(PATHS_FORMATS))
      .option('-c, --config <file>', 'config file')
      .option('--kubectl <path>', 'kubectl used to render kustomizations')
      .addOption(namespaceOption())
      .action(async (inputs: string[], flags: PathsFlags) => {
        const { model, scopes, unread } = await loadModel(inputs, flags, streams, cwd);
        const walked = scopes.length === 0 ? [{ name: 'all inputs', model }] : scopes;
        const result = pathsInScopes(walked, flags.from === undefined ? {} : { from: flags.from });
        const json = flags.format === 'json';
        setCode(renderAnswer(pathsRenderers[flags.format], result, { json }, unread, streams, 0));
      });
  },
};
