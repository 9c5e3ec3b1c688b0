/** @module `aksward explain <rule-id>`: why a rule matters, how to fix it, its peers' ids and references. */
import type { AnyRule } from '../../rules/define-rule.js';
import { SURFACE_TITLES } from '../../rules/types.js';
import { RULE_DOCS_URL } from '../../version.js';
import type { Render } from '../render.js';

/** Why a rule matters and how to fix it: metadata only, as `aksward explain <rule-id>` prints it. */
export const renderExplainRule: Render<AnyRule> = (rule, write) => {
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
  const lines = [
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
  ];
  write(lines.join('\n'));
};
