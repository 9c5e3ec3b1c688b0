/** @module `aksward access SUBJECT [--as-group G]...`: everything a subject can do, namespaced and cluster-wide. */
import { access } from '../../engine/access.js';
import { UsageError } from '../../errors.js';
import type { RbacFormat } from '../../report/rbac/index.js';
import { RBAC_FORMATS, accessRenderers } from '../../report/rbac/index.js';
import type { CommandModule } from '../command.js';
import { collect, formatOption, inputOption } from '../command.js';
import { renderAnswer } from '../completeness.js';
import type { InputFlags } from '../load-model.js';
import { loadModel, namespaceOption } from '../load-model.js';

interface AccessFlags extends InputFlags {
  readonly asGroup?: readonly string[];
  readonly cluster?: string;
  readonly format?: RbacFormat;
}

export const accessCommandModule: CommandModule = {
  register(program, { streams, cwd, setCode }) {
    program
      .command('access')
      .description('everything a user or service account can do, namespaced and cluster-wide')
      .argument('<username>')
      .addOption(inputOption())
      .option('--as-group <group>', 'group of the user (repeatable)', collect)
      .option('--cluster <name>', 'the cluster whose settings and role assignments apply')
      .addOption(formatOption(RBAC_FORMATS))
      .option('-c, --config <file>', 'config file')
      .addOption(namespaceOption())
      .action(async (username: string, flags: AccessFlags) => {
        const { model, unread } = await loadModel(flags.input ?? [], flags, streams, cwd);
        if (username.trim() === '')
          throw new UsageError(
            'access needs a username (service accounts: system:serviceaccount:<ns>:<name>)',
          );
        const report = access(model, {
          user: username,
          groups: flags.asGroup ?? [],
          ...(flags.cluster === undefined ? {} : { cluster: flags.cluster }),
        });
        const format = flags.format ?? 'text';
        setCode(
          renderAnswer(accessRenderers[format], report, { json: format === 'json' }, unread, streams, 0),
        );
      });
  },
};
