/** @module `aksward can-i` as text (kubectl's `yes`/`no` first line, then the evidence) and as JSON. */
import type { Decision } from '../../analysis/rbac/decide.js';
import { COMBINATION_MODEL } from '../../analysis/rbac/decide.js';
import { dataActionFor } from '../../analysis/rbac/azure-actions.js';
import { evidenceLines } from './evidence.js';
import type { Json } from './json.js';
import { evidenceJson, requestJson } from './json.js';
import { describeRequest } from '../../analysis/rbac/parse-request.js';
import type { Evidence } from '../../analysis/rbac/who-can.js';
import type { Render } from '../render.js';
import { jsonText, terminalLines } from '../escape.js';

export const MODEL_LINE = `model: ${COMBINATION_MODEL}`;

/** Everything that speaks for the request, strongest first. */
function decisionEvidence(decision: Decision): Evidence[] {
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

export const indent = (lines: readonly string[], by = '  '): string[] => lines.map((line) => `${by}${line}`);

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

/** What decided: the open questions, the evidence, and why no (or what Azure RBAC said). */
export function decisionLines(decision: Decision): string[] {
  const lines: string[] = [];
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
  return lines;
}

/** The request and the user, as the answer's second and third lines. */
export function askedLines(decision: Decision): string[] {
  return [`request: ${describeRequest(decision.request)}`, userLine(decision)];
}

/** kubectl's convention: `yes` or `no` alone on the first line; the evidence follows. */
export const renderCanIText: Render<Decision> = (decision, write) => {
  const lines = [
    decision.verdict === 'allowed' ? 'yes' : 'no',
    ...askedLines(decision),
    ...decisionLines(decision),
    MODEL_LINE,
  ];
  write(terminalLines(lines));
};

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

export const renderCanIJson: Render<Decision> = (decision, write) => {
  write(`${jsonText(canIJson(decision))}\n`);
};
