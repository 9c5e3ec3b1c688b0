/** @module `aksward paths` as a table for the terminal or as Markdown: each landing, one after the other. */
import type { NarrativeStep } from '../../analysis/paths/index.js';
import { NO_CONTROL } from '../../analysis/paths/index.js';
import { radiusSummary } from '../../analysis/paths/landings.js';
import type { LandingVariant, PathsLanding, PathsResult, ScopedAttackPath } from '../../engine/paths.js';
import type { Render } from '../render.js';
import { MAX_TEXT_CHARS, markdownCode, markdownInline, sanitizeLine } from '../escape.js';

/** The escaping of the output kind: terminal text or Markdown. */
type Esc = (text: string) => string;

function pathLines(
  path: ScopedAttackPath,
  labelOf: (id: string) => string,
  bullet: string,
  e: Esc,
): string[] {
  const scopes = path.scopes === undefined ? '' : ` (in ${path.scopes.map(e).join(', ')})`;
  const lines = [
    `${bullet}${e(labelOf(path.target.id))} [${path.targetKind}], ${path.steps.length} step(s)${scopes}`,
  ];
  path.steps.forEach((step, i) => {
    const broken =
      step.control === NO_CONTROL ? 'no catalog control breaks this step' : `broken by ${e(step.control)}`;
    lines.push(`    ${i + 1}. → ${e(labelOf(step.to))}: ${e(step.evidence)} (${broken})`);
  });
  return lines;
}

const STATES: Readonly<Record<NarrativeStep['status'], string>> = {
  open: 'OPEN   ',
  blocked: 'BLOCKED',
  unknown: 'UNKNOWN',
};

function stepLine(step: NarrativeStep, index: number, e: Esc): string {
  const why =
    step.status === 'blocked'
      ? `${e(step.detail)}; blocked by ${step.blockedBy.map(e).join(', ')}`
      : e(step.detail);
  return `  ${index + 1}. ${STATES[step.status]} ${e(step.title)}: ${why}`;
}

/** The breach step by step, then the blast radius: of the landing, or of a scope where it reads otherwise. */
function breachLines(
  r: Pick<LandingVariant, 'narrative' | 'blastRadius' | 'radius'>,
  e: Esc,
  markdown: boolean,
) {
  const lines: string[] = [];
  lines.push(markdown ? '\n### The breach, step by step\n' : ' The breach, step by step:');
  r.narrative.forEach((s, i) =>
    lines.push(
      markdown
        ? `- **${s.status}** ${e(s.title)}: ${s.status === 'blocked' ? `blocked by ${s.blockedBy.map((b) => markdownCode(b)).join(', ')}` : e(s.detail)}`
        : stepLine(s, i, e),
    ),
  );
  lines.push(markdown ? '\n### Blast radius\n' : ` Blast radius: ${radiusSummary(r.radius)}`);
  for (const b of r.blastRadius) lines.push(`${markdown ? '- ' : '  - '}${e(b)}`);
  return lines;
}

/** A scope where the landing's breach or blast radius differ from the first scope's. */
function variantLines(variant: LandingVariant, e: Esc, markdown: boolean): string[] {
  const head = `In cluster scope ${e(variant.scope)} the breach reads otherwise`;
  const body = breachLines(variant, e, markdown);
  return markdown
    ? [`\n## ${head}`, ...body.map((l) => l.replace(/^\n### /, '\n#### '))]
    : [` ${head}:`, ...body.map((l) => ` ${l}`)];
}

function landingText(r: PathsLanding, labelOf: (id: string) => string, markdown: boolean): string {
  const e: Esc = markdown ? (t) => markdownInline(t, MAX_TEXT_CHARS) : (t) => sanitizeLine(t, MAX_TEXT_CHARS);
  const lines: string[] = [];
  lines.push(markdown ? `## Landing on ${e(r.label)}` : `Landing on ${e(r.label)}`);
  if (r.scopes !== undefined)
    lines.push(`${markdown ? '- ' : '  '}cluster scope(s): ${r.scopes.map(e).join(', ')}`);
  for (const x of r.exposure)
    lines.push(`${markdown ? '- ' : '  '}exposed: ${e(x.evidence)} (broken by ${e(x.control)})`);
  lines.push(...breachLines(r, e, markdown));
  for (const variant of r.variants ?? []) lines.push(...variantLines(variant, e, markdown));
  lines.push(markdown ? '\n### Paths\n' : ' Paths (shortest first):');
  if (r.paths.length === 0) lines.push('  none');
  for (const p of r.paths) lines.push(...pathLines(p, labelOf, markdown ? '- ' : '  - ', e));
  lines.push('');
  return `${lines.join('\n')}\n`;
}

/** One landing at a time, so a thousand exposed workloads never hold every path (or the whole text) at once. */
function renderText(result: PathsResult, write: (text: string) => void, markdown: boolean): void {
  if (result.starts.length === 0)
    write(markdown ? '_No internet-exposed workload._\n' : 'No internet-exposed workload.\n');
  for (const landing of result.landings()) write(landingText(landing, result.labelOf, markdown));
}

export const renderPathsTable: Render<PathsResult> = (result, write) => {
  renderText(result, write, false);
};

export const renderPathsMarkdown: Render<PathsResult> = (result, write) => {
  renderText(result, write, true);
};
