/** @module SARIF `tool.driver.rules[]`: reporting descriptors built from rule metadata, help text included. */
import type { AnyRule } from '../rules/define-rule.js';
import type { PeerIds, Severity } from '../rules/types.js';
import { RULE_DOCS_URL } from '../version.js';

export type SarifLevel = 'error' | 'warning' | 'note';

/** GitHub code scanning reads `level` for non-security views and `security-severity` for its own scale. */
export const SARIF_LEVELS: Readonly<Record<Severity, SarifLevel>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub maps > 9.0 to critical, 7.0–8.9 high, 4.0–6.9 medium, below that low; it wants a numeric string. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

/** `require-private-cluster` → `RequirePrivateCluster`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** Peer ids as tags: Checkov, Trivy and Kubescape ids are distinctive as written; CIS and Azure Policy are not. */
export function peerTags(peers: PeerIds): string[] {
  const prefixed = (prefix: string, ids: readonly string[] | undefined) =>
    (ids ?? []).map((id) => (id.toUpperCase().startsWith(prefix.toUpperCase()) ? id : `${prefix}${id}`));
  return [
    ...(peers.checkov ?? []),
    ...(peers.trivy ?? []),
    ...(peers.kubescape ?? []),
    ...prefixed('AzurePolicy-', peers.azurePolicy),
    ...prefixed('CIS-', peers.cis),
  ];
}

export function ruleHelpUri(ruleId: string): string {
  return `${RULE_DOCS_URL}${ruleId}.md`;
}

interface Snippet {
  readonly title: string;
  readonly language: string;
  readonly code: string;
}

function snippets(rule: AnyRule): Snippet[] {
  const { az, terraform, arm, manifest } = rule.remediation;
  const all: (Snippet | undefined)[] = [
    az === undefined ? undefined : { title: 'Azure CLI', language: 'sh', code: az },
    terraform === undefined ? undefined : { title: 'Terraform', language: 'hcl', code: terraform },
    arm === undefined ? undefined : { title: 'ARM / Bicep', language: '', code: arm },
    manifest === undefined ? undefined : { title: 'Kubernetes manifest', language: 'yaml', code: manifest },
  ];
  return all.filter((s) => s !== undefined);
}

/** A fence longer than any backtick run inside the code, so a snippet cannot close it early. */
function fence(code: string, language: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${language}\n${code.trimEnd()}\n${ticks}`;
}

function peerLine(rule: AnyRule): string | undefined {
  const tags = peerTags(rule.peers);
  return tags.length === 0 ? undefined : `Related controls: ${tags.join(', ')}`;
}

function helpText(rule: AnyRule): string {
  const indent = (code: string) => code.trimEnd().replace(/^/gm, '    ');
  const parts = [
    rule.rationale,
    `How to fix: ${rule.remediation.summary}`,
    ...snippets(rule).map((s) => `${s.title}:\n${indent(s.code)}`),
    peerLine(rule),
    rule.references.length === 0
      ? undefined
      : `References:\n${rule.references.map((r) => `- ${r.title}${r.url ? ` (${r.url})` : ''}`).join('\n')}`,
  ];
  return parts.filter((p) => p !== undefined).join('\n\n');
}

function helpMarkdown(rule: AnyRule): string {
  const parts = [
    rule.rationale,
    `**How to fix:** ${rule.remediation.summary}`,
    ...snippets(rule).map((s) => `**${s.title}**\n\n${fence(s.code, s.language)}`),
    peerLine(rule),
    rule.references.length === 0
      ? undefined
      : `**References**\n\n${rule.references.map((r) => `- ${r.url ? `[${r.title}](${r.url})` : r.title}`).join('\n')}`,
  ];
  return parts.filter((p) => p !== undefined).join('\n\n');
}

export function ruleDescriptor(rule: AnyRule) {
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    helpUri: ruleHelpUri(rule.id),
    help: { text: helpText(rule), markdown: helpMarkdown(rule) },
    defaultConfiguration: { level: SARIF_LEVELS[rule.severity] },
    properties: {
      tags: [...new Set(['security', rule.surface, ...peerTags(rule.peers)])],
      'security-severity': SECURITY_SEVERITY[rule.severity],
      precision: 'very-high',
    },
  };
}
