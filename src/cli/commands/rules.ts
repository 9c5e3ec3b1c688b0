/** @module `aksward rules`: the catalogue of rules (id, surface, severity, title). */
import { allRules } from '../../rules/index.js';
import type { CatalogueFormat } from '../../report/rules/catalogue.js';
import { CATALOGUE_FORMATS, catalogueRenderers } from '../../report/rules/catalogue.js';
import type { CommandModule } from '../command.js';
import { formatOption } from '../command.js';

export const rulesCommandModule: CommandModule = {
  register(program, { streams, setCode }) {
    program
      .command('rules')
      .description('list the rules: id, surface, severity, title')
      .addOption(formatOption(CATALOGUE_FORMATS))
      .action((flags: { format: CatalogueFormat }) => {
        catalogueRenderers[flags.format](allRules, streams.out);
        if (flags.format === 'table') streams.err(`${allRules.length} rules\n`);
        setCode(0);
      });
  },
};
