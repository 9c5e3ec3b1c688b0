/** @module `aksward who-can VERB RESOURCE[/SUB] [-n NS]`: every subject that can, over both planes, with evidence. */
import { whoCanInScopes } from '../../engine/scoped-rbac.js';
import { whoCan } from '../../engine/who-can.js';
import type { RbacFormat } from '../../report/rbac/index.js';
import { RBAC_FORMATS, scopedWhoCanRenderers, whoCanRenderers } from '../../report/rbac/index.js';
import type { CommandModule } from '../command.js';
import { formatOption, inputOption } from '../command.js';
import { renderAnswer } from '../completeness.js';
import type { InputFlags } from '../load-model.js';
import { loadModel, namespaceOption, requestFlags } from '../load-model.js';

interface WhoCanFlags extends InputFlags {
  /** The request's namespace (`-n`); the inputs' one is `inputNamespace`. */
  readonly namespace?: string;
  readonly inputNamespace?: string;
  readonly allNamespaces?: boolean;
  readonly cluster?: string;
  readonly format?: RbacFormat;
}

export const whoCanCommandModule: CommandModule = {
  register(program, { streams, cwd, setCode }) {
    program
      .command('who-can')
      .description('every subject (and the workloads running as it) that can do this, with evidence')
      .argument('<verb>')
      .argument('<resource>', 'resource[/subresource][.group]')
      .addOption(inputOption())
      .option('-n, --namespace <ns>', 'namespace of the request')
      .option('-A, --all-namespaces', 'in every namespace')
      .option('--cluster <name>', 'the cluster whose settings and role assignments apply')
      .addOption(formatOption(RBAC_FORMATS))
      .option('-c, --config <file>', 'config file')
      .addOption(namespaceOption('--input-namespace <ns>'))
      .action(async (verb: string, resource: string, flags: WhoCanFlags) => {
        const { model, scopes, unread } = await loadModel(
          flags.input ?? [],
          requestFlags(flags),
          streams,
          cwd,
        );
        const query = {
          verb,
          resource,
          ...(flags.namespace === undefined ? {} : { namespace: flags.namespace }),
          allNamespaces: flags.allNamespaces === true,
          ...(flags.cluster === undefined ? {} : { cluster: flags.cluster }),
        };
        const format = flags.format ?? 'text';
        const json = { json: format === 'json' };
        const [only] = scopes;
        if (scopes.length > 1) {
          const scoped = whoCanInScopes(scopes, query);
          for (const warning of scoped.warnings) streams.err(`aksward: ${warning}\n`);
          setCode(renderAnswer(scopedWhoCanRenderers[format], scoped, json, unread, streams, 0));
          return;
        }
        const answer = whoCan(only?.model ?? model, query);
        for (const warning of answer.warnings) streams.err(`aksward: ${warning}\n`);
        setCode(renderAnswer(whoCanRenderers[format], answer, json, unread, streams, 0));
      });
  },
};
