/** @module JSON Schema validators for the report tests: the SARIF 2.1.0 schema and our JSON report schema. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';

/** The repository root is two levels up; the shared schemas live beside it, in `../shared/schemas/`. */
const REPO_ROOT = new URL('../../', import.meta.url);
export const SARIF_SCHEMA_PATH = fileURLToPath(
  new URL('../shared/schemas/sarif-schema-2.1.0.json', REPO_ROOT),
);
export const JSON_REPORT_DOC_PATH = fileURLToPath(new URL('docs/json-report.md', REPO_ROOT));
export const JSON_REPORT_SCHEMA_PATH = fileURLToPath(new URL('docs/json-report.schema.json', REPO_ROOT));

export const hasSarifSchema = existsSync(SARIF_SCHEMA_PATH);

// ajv-formats is CommonJS with `exports.default`; under NodeNext its default import is the module object.
const addFormats = addFormatsPlugin as unknown as typeof addFormatsPlugin.default;

export type Validate = (data: unknown) => readonly unknown[];

/**
 * The OASIS file declares draft-04 (`$schema`, `id`), which Ajv 8 does not ship; the keywords it uses mean
 * the same under draft-07, so those two keys are dropped and the rest is compiled as is.
 */
export function sarifValidator(): Validate {
  const schema = JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  delete schema['$schema'];
  delete schema['id'];
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (data) => (validate(data) ? [] : (validate.errors ?? []));
}

export function jsonReportValidator(): Validate {
  const schema = JSON.parse(readFileSync(JSON_REPORT_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (data) => (validate(data) ? [] : (validate.errors ?? []));
}
