/**
 * @module The blast-radius section of the scan report: for each internet-exposed workload, what an attacker
 * who lands there reaches, and the shortest path to each kind of target with the controls that break it.
 */
import type { LandingSummary } from '../engine/blast-radius.js';
import type { Paint } from './text.js';
import { MAX_TEXT_CHARS, sanitizeLine } from './escape.js';
import { plural } from './text.js';

/** Landings listed in full; more are counted (a cluster with a thousand exposed workloads stays readable). */
export const MAX_LANDINGS = 25;

export function shortName(landing: LandingSummary): string {
  return landing.label.replace(/^workload /, '');
}

export function pathText(path: LandingSummary['paths'][number]): string {
  return `${path.targetKind}: ${path.target}, ${plural(path.steps, 'step')}, broken by ${path.controls.join(', ')}`;
}

/** Landings in the summary view (no paths listed): the rest are counted. */
const SUMMARY_LANDINGS = 5;

export function renderBlastRadiusTerminal(
  landings: readonly LandingSummary[] | undefined,
  paint: Paint,
  options: { readonly paths: boolean } = { paths: true },
): string[] {
  if (landings === undefined) return [];
  const title = paint(`Blast radius (${plural(landings.length, 'internet-exposed workload')}):`, 'bold');
  if (landings.length === 0) return [title, '  no workload is reachable from the internet', ''];
  const lines = [title];
  const max = options.paths ? MAX_LANDINGS : SUMMARY_LANDINGS;
  for (const landing of landings.slice(0, max)) {
    lines.push(`  ${sanitizeLine(shortName(landing))}: ${sanitizeLine(landing.summary, MAX_TEXT_CHARS)}`);
    if (!options.paths) continue;
    for (const path of landing.paths)
      lines.push(paint(`    → ${sanitizeLine(pathText(path), MAX_TEXT_CHARS)}`, 'dim'));
  }
  if (landings.length > max)
    lines.push(`  … and ${landings.length - max} more (aksward paths lists them all)`);
  lines.push('');
  return lines;
}

/** The JSON shape (docs/json-report.schema.json `blastRadius`). */
export function blastRadiusJson(landings: readonly LandingSummary[]) {
  return landings.map((l) => ({
    workload: l.workload,
    exposure: l.exposure.map((e) => ({ evidence: e.evidence, control: e.control })),
    reaches: {
      workloads: l.radius.workloads,
      namespaces: l.radius.namespaces,
      tokens: l.radius.tokens,
      secrets: l.radius.secrets,
      nodes: l.radius.nodes,
      clusterAdmin: l.radius.clusterAdmin,
      apiServer: l.radius.apiServer,
      azureIdentities: l.radius.azureIdentities,
    },
    summary: l.summary,
    paths: l.paths.map((p) => ({
      targetKind: p.targetKind,
      target: p.target,
      steps: p.steps,
      controls: p.controls,
    })),
  }));
}
