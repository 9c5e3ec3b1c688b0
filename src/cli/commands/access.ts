/** @module `aksward access SUBJECT [--as-group G]...`: everything a subject can do, namespaced and cluster-wide. */
import { access } from '../../engine/access.js';
import { accessInScopes } from '../../engine/scoped-rbac.js';
import { UsageError } from '../../errors.js';
import type { RbacFormat } from '../../report/rbac/index.js';
import { RBAC_FORMATS, accessRenderers, scopedAccessRenderers } from '../../report/rbac/index.js';
import type { CommandModule } from '../command.js';
import { collect, formatOption, inputOption } from '../command.js';
import { renderAnswer } from '../completeness.js';
import type { InputFlags } from '../load-model.js';
import { loadModel, namespaceOption } from '../load-model.js';
import { serviceAccountUser, subjectKindNote } from '../subject-kind.js';

interface AccessFlags extends InputFlags {
  readonly serviceAccount?: string;
  readonly asGroup?: readonly string[];
  readonly cluster?: string;
  readonly format?: RbacFormat;
}

/** The username: the argument, or the service account of `--service-account ns/name` (not both). */
function subjectOf(given: string | undefined, serviceAccount: string | undefined): string {
  if (serviceAccount !== undefined) {
    const user = serviceAccountUser(serviceAccount);
    if (user === undefined)
      throw new UsageError(`--service-account expects <ns>/<name>, got "${serviceAccount}"`);
    if (given !== undefined) throw new UsageError('give a username or --service-account, not both');
    return user;
  }
  if (given === undefined || given.trim() === '')
    throw new UsageError(
      'access needs a username (service accounts: system:serviceaccount:<ns>:<name> or --service-account <ns>/<name>)',
    );
  return given;
}

export const accessCommandModule: CommandModule = {
  register(program, { streams, cwd, setCode }) {
    program
      .command('access')
      .description('everything a user or service account can do, namespaced and cluster-wide')
      .argument('[username]', 'a user, or system:serviceaccount:<ns>:<name> (or use --service-account)')
      .option('--service-account <ns/name>', 'the service account to ask about, instead of a username')
      .addOption(inputOption())
      .option('--as-group <group>', 'group of the user (repeatable)', collect)
      .option('--cluster <name>', 'the cluster whose settings and role assignments apply')
      .addOption(formatOption(RBAC_FORMATS))
      .option('-c, --config <file>', 'config file')
      .addOption(namespaceOption())
      .action(async (given: string | undefined, flags: AccessFlags) => {
        const username = subjectOf(given, flags.serviceAccount);
        const { model, scopes, unread } = await loadModel(flags.input ?? [], flags, streams, cwd);
        const note = subjectKindNote(model, username);
        if (note !== undefined) streams.err(`aksward: note: ${note}\n`);
        const query = {
          user: username,
          groups: flags.asGroup ?? [],
          ...(flags.cluster === undefined ? {} : { cluster: flags.cluster }),
        };
        const format = flags.format ?? 'text';
        const json = { json: format === 'json' };
        const [only] = scopes;
        if (scopes.length > 1) {
          const scoped = accessInScopes(scopes, query);
          setCode(renderAnswer(scopedAccessRenderers[format], scoped, json, unread, streams, 0));
          return;
        }
        const report = access(only?.model ?? model, query);
        setCode(renderAnswer(accessRenderers[format], report, json, unread, streams, 0));
      });
  },
};
