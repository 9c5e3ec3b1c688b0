/** @module `aksward who-can` as text (each subject, its evidence and workloads) and as JSON. */
import { evidenceLines } from './evidence.js';
import type { Json } from './json.js';
import { evidenceJson, requestJson, workloadJson } from './json.js';
import { COMBINATION_MODEL } from '../../analysis/rbac/decide.js';
import { describeRequest } from '../../analysis/rbac/parse-request.js';
import type { WhoCanResult } from '../../analysis/rbac/who-can.js';
import type { WorkloadRef } from '../../analysis/rbac/workload-identity.js';
import type { Render } from '../render.js';
import { MODEL_LINE, indent } from './can-i.js';
import { jsonText, terminalLines } from '../escape.js';
import { appendAll } from '../../model/append.js';

function workloadLine(workload: WorkloadRef): string {
  const token =
    workload.token.mounted === undefined
      ? 'token mount unknown'
      : workload.token.mounted
        ? 'token mounted'
        : 'token not mounted';
  return `workload ${workload.display} (${workload.at.file}:${workload.at.line}) runs as ${workload.serviceAccount}, ${token}`;
}

/** Each subject with its evidence and workloads, then the notes. */
export function whoCanLines(result: WhoCanResult): string[] {
  const lines: string[] = [];
  for (const entry of result.entries) {
    const tags = [entry.certain ? '' : 'possibly', entry.isDefault ? 'Kubernetes default' : ''].filter(
      (t) => t !== '',
    );
    lines.push(`${entry.kind} ${entry.name}${tags.length > 0 ? ` [${tags.join(', ')}]` : ''}`);
    appendAll(lines, indent(entry.evidence.flatMap(evidenceLines)));
    appendAll(lines, indent(entry.workloads.map(workloadLine)));
  }
  appendAll(
    lines,
    result.notes.map((note) => `note: ${note}`),
  );
  return lines;
}

export const renderWhoCanText: Render<WhoCanResult> = (result, write) => {
  const lines = [`who can ${describeRequest(result.request)}:`, ...whoCanLines(result), MODEL_LINE];
  write(terminalLines(lines));
};

export function whoCanJson(result: WhoCanResult): Json {
  return {
    request: requestJson(result.request),
    subjects: result.entries.map((entry) => ({
      kind: entry.kind,
      name: entry.name,
      certain: entry.certain,
      default: entry.isDefault,
      evidence: entry.evidence.map(evidenceJson),
      workloads: entry.workloads.map(workloadJson),
    })),
    notes: result.notes,
    model: COMBINATION_MODEL,
  };
}

export const renderWhoCanJson: Render<WhoCanResult> = (result, write) => {
  write(`${jsonText(whoCanJson(result))}\n`);
};
