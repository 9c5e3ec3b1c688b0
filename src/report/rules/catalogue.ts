/** @module `aksward rules`: the catalogue (id, surface, severity, title) as a table, Markdown or JSON. */
import type { AnyRule } from '../../rules/define-rule.js';
import type { Render } from '../render.js';

const rowsOf = (rules: readonly AnyRule[]) =>
  rules.map((r) => ({ id: r.id, surface: r.surface, severity: r.severity, title: r.title }));

function pad(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

const renderCatalogueTable: Render<readonly AnyRule[]> = (rules, write) => {
  const rows = rowsOf(rules);
  const idWidth = Math.max(...rows.map((r) => r.id.length), 2);
  const lines = rows.map(
    (r) => `${pad(r.id, idWidth)}  ${pad(r.surface, 10)}  ${pad(r.severity, 8)}  ${r.title}`,
  );
  write(`${pad('ID', idWidth)}  ${pad('SURFACE', 10)}  ${pad('SEVERITY', 8)}  TITLE\n${lines.join('\n')}\n`);
};

const renderCatalogueMarkdown: Render<readonly AnyRule[]> = (rules, write) => {
  write(
    [
      '| id | surface | severity | title |',
      '|---|---|---|---|',
      ...rowsOf(rules).map((r) => `| ${r.id} | ${r.surface} | ${r.severity} | ${r.title} |`),
    ].join('\n') + '\n',
  );
};

const renderCatalogueJson: Render<readonly AnyRule[]> = (rules, write) => {
  write(`${JSON.stringify(rowsOf(rules), null, 2)}\n`);
};

export const CATALOGUE_FORMATS = ['table', 'md', 'json'] as const;
export type CatalogueFormat = (typeof CATALOGUE_FORMATS)[number];

export const catalogueRenderers: Readonly<Record<CatalogueFormat, Render<readonly AnyRule[]>>> = {
  table: renderCatalogueTable,
  md: renderCatalogueMarkdown,
  json: renderCatalogueJson,
};
