/** @module `aksward explain <rule-id>`: why a rule matters and how to fix it. */
import { UsageError } from '../../errors.js';
import { allRules, findRule } from '../../rules/index.js';
import { suggestRuleIds } from '../../rules/suggest-rule.js';
import { renderExplainRule } from '../../report/rules/explain.js';
import type { CommandModule } from '../command.js';

export const explainCommandModule: CommandModule = {
  register(program, { streams, setCode }) {
    program
      .command('explain')
      .description('why a rule matters and how to fix it')
      .argument('<rule-id>')
      .action((ruleId: string) => {
        const rule = findRule(ruleId);
        if (!rule) {
          const close = suggestRuleIds(
            ruleId,
            allRules.map((r) => r.id),
          );
          throw new UsageError(
            `unknown rule "${ruleId}"${close.length > 0 ? `; did you mean ${close.join(', ')}?` : ''}`,
          );
        }
        renderExplainRule(rule, streams.out);
        setCode(0);
      });
  },
};
