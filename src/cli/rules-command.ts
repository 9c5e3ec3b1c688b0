/** @module `aksward rules` (the catalogue) and `aksward explain <rule-id>` (why it matters, how to fix). */
import { UsageError } from '../errors.js';
import type { AnyRule } from '../rules/define-rule.js';
import { allRules, findRule } from '../rules/index.js';
import { SURFACE_TITLES } from '../rules/types.js';
import { RULE_DOCS_URL } from '../version.js';
import type { Streams } from './io.js';

function pad(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

export function rulesCommand(flags: { format: string }, streams: Streams): number {
  const rows = allRules.map((r) => ({ id: r.id, surface: r.surface, severity: r.severity, title: r.title }));
  switch (flags.format) {
    case 'json':
      streams.out(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    case 'md':
    case 'markdown':
      streams.out(
        [
          '| id | surface | severity | title |',
          '|---|---|---|---|',
          ...rows.map((r) => `| ${r.id} | ${r.surface} | ${r.severity} | ${r.title} |`),
        ].join('\n') + '\n',
      );
      return 0;
    case 'table': {
      const idWidth = Math.max(...rows.map((r) => r.id.length), 2);
      const lines = rows.map(
        (r) => `${pad(r.id, idWidth)}  ${pad(r.surface, 10)}  ${pad(r.severity, 8)}  ${r.title}`,
      );
      streams.out(
        `${pad('ID', idWidth)}  ${pad('SURFACE', 10)}  ${pad('SEVERITY', 8)}  TITLE\n${lines.join('\n')}\n`,
      );
      streams.err(`${rows.length} rules\n`);
      return 0;
    }
    default:
      throw new UsageError(`unknown format "${flags.format}" (expected table, md or json)`);
  }
}

function describeRule(rule: AnyRule): string {
  const { remediation, peers } = rule;
  const peerIds = [
    ...(peers.checkov ?? []).map((id) => `Checkov ${id}`),
    ...(peers.trivy ?? []).map((id) => `Trivy ${id}`),
    ...(peers.kubescape ?? []).map((id) => `Kubescape ${id}`),
    ...(peers.azurePolicy ?? []).map((id) => `Azure Policy ${id}`),
    ...(peers.cis ?? []).map((id) => `CIS AKS ${id}`),
  ];
  const fixes = [
    remediation.az ? `  az:        ${remediation.az}` : '',
    remediation.terraform ? `  Terraform: ${remediation.terraform}` : '',
    remediation.arm ? `  ARM/Bicep: ${remediation.arm}` : '',
    remediation.manifest ? `  Manifest:  ${remediation.manifest}` : '',
  ].filter((line) => line !== '');
  return [
    `${rule.id} (${rule.severity}, ${SURFACE_TITLES[rule.surface]})`,
    rule.title,
    '',
    'Why it matters',
    `  ${rule.rationale}`,
    '',
    'How to fix',
    `  ${remediation.summary}`,
    ...fixes,
    ...(peerIds.length > 0 ? ['', `Peers: ${peerIds.join(', ')}`] : []),
    ...(rule.references.length > 0
      ? ['', 'References', ...rule.references.map((r) => `  ${r.title}${r.url ? ` <${r.url}>` : ''}`)]
      : []),
    '',
    `Docs: ${RULE_DOCS_URL}${rule.id}.md`,
    '',
  ].join('\n');
}

export function explainCommand(ruleId: string, streams: Streams): number {
  const rule = findRule(ruleId);
  if (!rule) {
    const close = allRules.filter((r) => r.id.includes(ruleId) || ruleId.includes(r.id)).map((r) => r.id);
    throw new UsageError(
      `unknown rule "${ruleId}"${close.length > 0 ? `; did you mean ${close.join(', ')}?` : ''}`,
    );
  }
  streams.out(describeRule(rule));
  return 0;
}
