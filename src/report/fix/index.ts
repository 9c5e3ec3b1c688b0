/** @module The `fix` outputs: plan.md and plan.json, rendered from the plan. */
import type { FixPlan } from '../../fix/plan/types.js';
import type { Render } from '../render.js';
import { renderPlanMarkdown } from './markdown.js';
import { jsonText } from '../escape.js';

export const renderPlanJson: Render<FixPlan> = (plan, write) => {
  write(`${jsonText(plan)}\n`);
};

export { renderPlanMarkdown };
