/**
 * @module `reach` over several cluster scopes in every format: the scoping stated as `scan` states it, each
 * row naming the scopes it holds in (a graph draws each scope apart, so no drawn path crosses two clusters).
 */
import { endpointName, formatConn } from '../../analysis/netpol/connection-list.js';
import { describePorts } from '../../analysis/netpol/port-set.js';
import type { Connection, Enforcement } from '../../engine/reach.js';
import type {
  ScopeReach,
  ScopeStatement,
  ScopedConnection,
  ScopedExplanation,
  ScopedReachConnections,
} from '../../engine/scoped-reach.js';
import type { Render } from '../render.js';
import { scopeList, scopeStatement as statement, scopeStatementLines } from '../scope-statement.js';
import {
  MAX_TEXT_CHARS,
  dotLabel,
  dotString as quote,
  jsonText,
  markdownInline,
  sanitizeLine,
  terminalLines,
} from '../escape.js';
import { namespaceClusters } from './dot.js';
import { explanationJson, renderExplanationTable } from './explain.js';
import { groupRows } from './group-connections.js';
import { columns } from './table.js';
import { problemLine } from './warnings.js';
import { appendAll } from '../../model/append.js';

/** Scopes of the same enforcement together, in first-seen order. */
function byEnforcement(scopes: readonly { readonly name: string; readonly enforcement: Enforcement }[]) {
  const groups = new Map<string, { enforcement: Enforcement; names: string[] }>();
  for (const { name, enforcement } of scopes) {
    const key = `${enforcement.state}\0${enforcement.reason}`;
    const group = groups.get(key) ?? { enforcement, names: [] };
    group.names.push(name);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** One line when every scope asked says the same, else one per enforcement naming its scopes. */
function enforcementLines(answer: ScopedReachConnections): string[] {
  const groups = byEnforcement(answer.scopes.map((s) => ({ ...s, name: s.scope.name })));
  return groups.map(({ enforcement, names }) => {
    const where = groups.length === 1 ? '' : ` in ${names.join(', ')}`;
    return `NetworkPolicy enforcement${where}: ${enforcement.state} (${enforcement.reason})`;
  });
}

function section(title: string, rows: readonly ScopedConnection[], total: number): string[] {
  if (rows.length === 0) return [title, '  (none)'];
  const cells = rows.map(({ connection: c, scopes }) => [
    sanitizeLine(endpointName(c.src)),
    '->',
    sanitizeLine(endpointName(c.dst)),
    describePorts(c.conn),
    sanitizeLine(`in ${scopeList(scopes, total)}`, MAX_TEXT_CHARS),
  ]);
  return [title, ...columns(cells).map((line) => `  ${line}`)];
}

export const renderScopedReachTable: Render<ScopedReachConnections> = (answer, write) => {
  const groups = groupRows(answer.list(), (row) => row.connection);
  const total = answer.all.length;
  const lines = [...scopeStatementLines(answer.all), ...enforcementLines(answer)];
  for (const [namespace, rows] of groups.namespaces)
    lines.push('', ...section(`namespace ${sanitizeLine(namespace)}`, rows, total));
  lines.push('', ...section('entering the cluster', groups.entering, total));
  lines.push('', ...section('leaving the cluster', groups.leaving, total));
  write(terminalLines(lines));
};

function markdownTable(rows: readonly ScopedConnection[], total: number): string[] {
  if (rows.length === 0) return ['None.'];
  const cell = (text: string): string => markdownInline(text, MAX_TEXT_CHARS);
  return [
    '| Source | Destination | Connections | Cluster scopes |',
    '|---|---|---|---|',
    ...rows.map(
      ({ connection: c, scopes }) =>
        `| ${cell(endpointName(c.src))} | ${cell(endpointName(c.dst))} | ${cell(describePorts(c.conn))} | ${cell(scopeList(scopes, total))} |`,
    ),
  ];
}

export const renderScopedReachMarkdown: Render<ScopedReachConnections> = (answer, write) => {
  const groups = groupRows(answer.list(), (row) => row.connection);
  const total = answer.all.length;
  const lines = ['# Allowed connections', '', `${markdownInline(statement(answer.all), MAX_TEXT_CHARS)}.`];
  for (const line of enforcementLines(answer)) lines.push('', `${markdownInline(line, MAX_TEXT_CHARS)}.`);
  for (const [namespace, rows] of groups.namespaces)
    lines.push('', `## From namespace ${markdownInline(namespace)}`, '', ...markdownTable(rows, total));
  lines.push('', '## Entering the cluster', '', ...markdownTable(groups.entering, total));
  lines.push('', '## Leaving the cluster', '', ...markdownTable(groups.leaving, total));
  write(`${lines.join('\n')}\n`);
};

const scopeJson = ({ name, reason, files, enforcement }: ScopeStatement) => ({
  name,
  reason,
  files: [...files],
  enforcement: { state: enforcement.state, reason: enforcement.reason },
});

/** `{scopes, connections}`: each connection in the list form, with the scopes it holds in. */
export const renderScopedReachJson: Render<ScopedReachConnections> = (answer, write) => {
  const connections = answer.list().map(({ connection: c, scopes }) => ({
    src: endpointName(c.src),
    dst: endpointName(c.dst),
    conn: formatConn(c.conn),
    scopes: [...scopes],
  }));
  write(`${jsonText({ scopes: answer.all.map(scopeJson), connections })}\n`);
};

/** One scope's box: its namespaces, its external ranges and its edges, node ids prefixed by the scope. */
function scopeGraph(
  index: number,
  name: string,
  peers: ScopedReachConnections['scopes'][number]['peers'],
  connections: readonly Connection[],
): string[] {
  const prefix = `${String(index + 1)}:`;
  const external = new Set<string>();
  for (const c of connections)
    for (const e of [c.src, c.dst]) if (e.kind === 'ip') external.add(endpointName(e));
  const lines = [`  subgraph ${quote(`cluster_scope_${String(index + 1)}`)} {`, `    label=${quote(name)};`];
  appendAll(
    lines,
    namespaceClusters(peers, prefix).map((line) => `  ${line}`),
  );
  for (const ip of [...external].sort())
    lines.push(`    ${quote(`${prefix}${ip}`)} [shape=ellipse, label=${dotLabel(ip, '(external)')}];`);
  for (const c of connections) {
    const [src, dst] = [endpointName(c.src), endpointName(c.dst)];
    lines.push(
      `    ${quote(`${prefix}${src}`)} -> ${quote(`${prefix}${dst}`)} [label=${quote(describePorts(c.conn))}];`,
    );
  }
  lines.push('  }');
  return lines;
}

/** A digraph with one box per cluster scope: the same app installed twice is drawn twice, each in its box. */
export const renderScopedReachDot: Render<ScopedReachConnections> = (answer, write) => {
  const lines = [
    'digraph reachability {',
    '  rankdir=LR;',
    '  node [shape=box, fontsize=10];',
    '  edge [fontsize=9];',
    `  label=${quote(statement(answer.all))};`,
  ];
  answer.scopes.forEach(({ scope, peers, list }, index) => {
    appendAll(lines, scopeGraph(index, scope.name, peers, list()));
  });
  lines.push('}');
  write(`${lines.join('\n')}\n`);
};

/** The scoping, then each scope's explanation under its name. */
export const renderScopedExplanationTable: Render<ScopedExplanation> = (answer, write) => {
  write(terminalLines(scopeStatementLines(answer.all)));
  for (const { scope, explanation } of answer.explanations) {
    write(
      terminalLines(['', sanitizeLine(`cluster scope ${scope.name} (${scope.reason}):`, MAX_TEXT_CHARS)]),
    );
    renderExplanationTable(explanation, write);
  }
};

export const renderScopedExplanationJson: Render<ScopedExplanation> = (answer, write) => {
  const explanations = answer.explanations.map(({ scope, explanation }) => ({
    scope: scope.name,
    ...explanationJson(explanation),
  }));
  write(`${jsonText({ scopes: answer.all.map(scopeJson), explanations })}\n`);
};

/** What `reach` says on stderr: enforcement that is not proven, by the scopes it concerns; each policy problem once. */
export function scopedReachWarnings(scopes: readonly ScopeReach[]): string {
  const groups = byEnforcement(
    scopes.map(({ scope, result }) => ({ name: scope.name, enforcement: result.enforcement })),
  );
  const lines: string[] = [];
  for (const { enforcement, names } of groups) {
    const where = `in cluster scope${names.length === 1 ? '' : 's'} ${names.join(', ')}`;
    if (enforcement.state === 'not-enforced')
      lines.push(
        `aksward: NetworkPolicies are not enforced ${where} (${enforcement.reason}): every connection there is allowed`,
      );
    if (enforcement.state === 'unknown')
      lines.push(
        `aksward: enforcement is unknown ${where} (${enforcement.reason}): policies are analysed as if enforced`,
      );
  }
  appendAll(lines, new Set(scopes.flatMap(({ result }) => result.problems.map(problemLine))));
  return terminalLines(lines);
}
