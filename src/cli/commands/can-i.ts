/** @module `aksward can-i VERB RESOURCE[/SUB] [NAME] --as USER`: yes or no on the first line, then the evidence. */
import { canI } from '../../engine/can-i.js';
import { canIInScopes } from '../../engine/scoped-rbac.js';
import { UsageError } from '../../errors.js';
import type { RbacFormat } from '../../report/rbac/index.js';
import { RBAC_FORMATS, canIRenderers, scopedCanIRenderers } from '../../report/rbac/index.js';
import type { ClusterModel } from '../../model/index.js';
import type { CliEnv, CommandModule } from '../command.js';
import type { Streams } from '../io.js';
import { collect, formatOption, inputOption } from '../command.js';
import { renderAnswer } from '../completeness.js';
import type { InputFlags } from '../load-model.js';
import { loadModel, namespaceOption, requestFlags } from '../load-model.js';
import { subjectKindNote } from '../subject-kind.js';

interface CanIFlags extends InputFlags {
  /** The request's namespace (`-n`); the inputs' one is `inputNamespace`. */
  readonly namespace?: string;
  readonly inputNamespace?: string;
  readonly allNamespaces?: boolean;
  readonly as: string;
  readonly asGroup?: readonly string[];
  readonly cluster?: string;
  readonly format?: RbacFormat;
}

/**
 * Exit code 0 for yes (in any cluster scope, when the inputs form several), 1 for no (an undecided answer is a no, with what would decide it), 2 for usage
 * errors, 3 when the answer rests on input that could not be read (a missing binding can turn a no to yes).
 */
async function canICommand(words: string[], flags: CanIFlags, { streams, cwd }: CliEnv): Promise<number> {
  const [verb = '', resource = '', name] = words;
  const { model, scopes, unread } = await loadModel(flags.input ?? [], requestFlags(flags), streams, cwd);
  if (flags.as === '')
    throw new UsageError('can-i needs --as <username> (service accounts: system:serviceaccount:<ns>:<name>)');
  const query = {
    verb,
    resource,
    ...(name === undefined ? {} : { name }),
    ...(flags.namespace === undefined ? {} : { namespace: flags.namespace }),
    allNamespaces: flags.allNamespaces === true,
    user: flags.as,
    groups: flags.asGroup ?? [],
    ...(flags.cluster === undefined ? {} : { cluster: flags.cluster }),
  };
  const format = flags.format ?? 'text';
  const json = { json: format === 'json' };
  const [only] = scopes;
  if (scopes.length > 1) {
    // Yes when the subject can in any cluster scope: the answer names where.
    const scoped = canIInScopes(scopes, query);
    writeNotes(model, flags.as, scoped.warnings, streams);
    const code = scoped.verdict === 'allowed' ? 0 : 1;
    return renderAnswer(scopedCanIRenderers[format], scoped, json, unread, streams, code);
  }
  const answer = canI(only?.model ?? model, query);
  writeNotes(model, flags.as, answer.warnings, streams);
  const code = answer.verdict === 'allowed' ? 0 : 1;
  return renderAnswer(canIRenderers[format], answer, json, unread, streams, code);
}

/** What was assumed about the subject and the request, on stderr. */
function writeNotes(model: ClusterModel, user: string, warnings: readonly string[], streams: Streams): void {
  const note = subjectKindNote(model, user);
  if (note !== undefined) streams.err(`aksward: note: ${note}\n`);
  for (const warning of warnings) streams.err(`aksward: ${warning}\n`);
}

export const canICommandModule: CommandModule = {
  register(program, env) {
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
      .addOption(formatOption(RBAC_FORMATS))
      .option('-c, --config <file>', 'config file')
      .addOption(namespaceOption('--input-namespace <ns>'))
      .action(async (verb: string, resource: string, name: string | undefined, flags: CanIFlags) => {
        env.setCode(await canICommand([verb, resource, ...(name === undefined ? [] : [name])], flags, env));
      });
  },
};
