/** @module One pair's explanation, as text for people and as plain JSON. */
import { formatConn } from '../../analysis/netpol/connection-list.js';
import type { DirectionExplanation, PairExplanation } from '../../analysis/netpol/explain.js';
import { describePorts, isEmptyPorts } from '../../analysis/netpol/port-set.js';
import type { Render } from '../render.js';
import { jsonText, terminalLines } from '../escape.js';

function directionLines(d: DirectionExplanation): string[] {
  const lines = [`${d.direction} of ${d.side}: ${d.reason}`];
  for (const policy of d.policies) {
    lines.push(`  ${policy.policy}`);
    if (policy.rules.length === 0) lines.push(`    no ${d.direction} rules: allows nothing`);
    for (const rule of policy.rules) {
      lines.push(
        rule.matchedBy === undefined
          ? `    ${rule.rule}: does not apply to this peer`
          : `    ${rule.rule}: applies (${rule.matchedBy}) -> ${describePorts(rule.allowed)}`,
      );
    }
  }
  lines.push(`  allows: ${describePorts(d.allowed)}`);
  return lines;
}

export const renderExplanationTable: Render<PairExplanation> = (e, write) => {
  const verdict = isEmptyPorts(e.allowed) ? 'no connection' : describePorts(e.allowed);
  const lines = [
    `${e.src} -> ${e.dst}: ${verdict}`,
    `NetworkPolicy enforcement: ${e.enforcement.state} (${e.enforcement.reason})`,
    '',
    ...directionLines(e.egress),
    '',
    ...directionLines(e.ingress),
    '',
    'A connection needs both: the source may send it (egress) and the destination may accept it (ingress).',
  ];
  for (const note of e.notes) lines.push(`note: ${note}`);
  write(terminalLines(lines));
};

function directionJson(d: DirectionExplanation) {
  return {
    direction: d.direction,
    side: d.side,
    isolated: d.isolated,
    reason: d.reason,
    allowed: formatConn(d.allowed),
    policies: d.policies.map((p) => ({
      policy: p.policy,
      allowed: formatConn(p.allowed),
      rules: p.rules.map((r) => ({
        rule: r.rule,
        matchedBy: r.matchedBy ?? null,
        allowed: formatConn(r.allowed),
      })),
    })),
  };
}

/** Plain data (connection sets in the connection-list form). */
export function explanationJson(e: PairExplanation) {
  return {
    src: e.src,
    dst: e.dst,
    allowed: formatConn(e.allowed),
    enforcement: e.enforcement,
    egress: directionJson(e.egress),
    ingress: directionJson(e.ingress),
    notes: e.notes,
  };
}

export const renderExplanationJson: Render<PairExplanation> = (e, write) => {
  write(`${jsonText(explanationJson(e))}\n`);
};
