/** @module can-i, who-can and access answers as text and JSON, each carrying its evidence. */
import type { Decision } from './decide.js';
import { COMBINATION_MODEL } from './decide.js';
import { dataActionFor } from './azure-actions.js';
import { evidenceLines } from './format-evidence.js';
import type { Json } from './format-json.js';
import { evidenceJson, requestJson, workloadJson } from './format-json.js';
import { describeRequest } from './parse-request.js';
import type { WhoCanResult } from './who-can.js';
import type { Evidence } from './who-can.js';
import type { WorkloadRef } from './workload-identity.js';

export const MODEL_LINE = `model: ${COMBINATION_MODEL}`;

/** Everything that speaks for the request, strongest first. */
export function decisionEvidence(decision: Decision): Evidence[] {
  const out: Evidence[] = [];
  if (decision.kubernetes.superuser) out.push({ kind: 'superuser' });
  if (decision.rbacOff) out.push({ kind: 'rbac-off', ...decision.rbacOff });
  for (const grant of decision.kubernetes.grants) out.push({ kind: 'kubernetes', ...grant });
  for (const grant of decision.azure.grants) out.push({ kind: 'azure', grant });
  for (const grant of decision.credentials) out.push({ kind: 'credential', grant });
  for (const item of decision.kubernetes.unresolved) out.push({ kind: 'unresolved-binding', ...item });
  for (const item of decision.azure.unresolved) out.push({ kind: 'unresolved-role', ...item });
  return out;
}

const indent = (lines: readonly string[], by = '  '): string[] => lines.map((line) => `${by}${line}`);

function userLine(decision: Decision): string {
  const groups = decision.user.groups.length === 0 ? '' : ` (groups: ${decision.user.groups.join(', ')})`;
  return `as: ${decision.user.name}${groups}`;
}

/** Why no: what the planes said when nothing allowed the request. */
function denialLines(decision: Decision): string[] {
  const lines = ['no Kubernetes RBAC rule allows it'];
  const action = dataActionFor(decision.request);
  if (decision.azure.noOpinion !== undefined) {
    lines.push(`Azure RBAC: no opinion (${decision.azure.noOpinion})`);
  } else if (decision.azure.grants.length > 0) {
    lines.push(`Azure RBAC: only the undecided assignments above allow ${action}`);
  } else {
    lines.push(`Azure RBAC: no role assignment allows ${action}`);
  }
  return lines;
}

/** kubectl's convention: `yes` or `no` alone on the first line; the evidence follows. */
export function canIText(decision: Decision): string {
  const lines = [
    decision.verdict === 'allowed' ? 'yes' : 'no',
    `request: ${describeRequest(decision.request)}`,
    userLine(decision),
  ];
  if (decision.verdict === 'unknown') {
    lines.push(
      'undecided: the inputs cannot settle it',
      ...indent(decision.openQuestions.map((q) => `open: ${q}`)),
    );
  }
  const evidence = decisionEvidence(decision);
  if (evidence.length > 0) lines.push('evidence:', ...indent(evidence.flatMap(evidenceLines)));
  if (decision.verdict !== 'allowed') lines.push(...denialLines(decision));
  else if (decision.azure.noOpinion !== undefined)
    lines.push(`Azure RBAC: no opinion (${decision.azure.noOpinion})`);
  lines.push(MODEL_LINE);
  return `${lines.join('\n')}\n`;
}

export function canIJson(decision: Decision): Json {
  return {
    allowed: decision.verdict === 'allowed',
    verdict: decision.verdict,
    request: requestJson(decision.request),
    user: { name: decision.user.name, groups: decision.user.groups },
    evidence: decisionEvidence(decision).map(evidenceJson),
    open: decision.openQuestions,
    azureNoOpinion: decision.azure.noOpinion,
    model: COMBINATION_MODEL,
  };
}

function workloadLine(workload: WorkloadRef): string {
  const token =
    workload.token.mounted === undefined
      ? 'token mount unknown'
      : workload.token.mounted
        ? 'token mounted'
        : 'token not mounted';
  return `workload ${workload.display} (${workload.at.file}:${workload.at.line}) runs as ${workload.serviceAccount}, ${token}`;
}

export function whoCanText(result: WhoCanResult): string {
  const lines = [`who can ${describeRequest(result.request)}:`];
  for (const entry of result.entries) {
    const tags = [entry.certain ? '' : 'possibly', entry.isDefault ? 'Kubernetes default' : ''].filter(
      (t) => t !== '',
    );
    lines.push(`${entry.kind} ${entry.name}${tags.length > 0 ? ` [${tags.join(', ')}]` : ''}`);
    lines.push(...indent(entry.evidence.flatMap(evidenceLines)));
    lines.push(...indent(entry.workloads.map(workloadLine)));
  }
  lines.push(...result.notes.map((note) => `note: ${note}`), MODEL_LINE);
  return `${lines.join('\n')}\n`;
}

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
