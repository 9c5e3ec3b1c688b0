/** @module The tool's name, version and documentation base, in one place. */

export const TOOL_NAME = 'aksward';
export const VERSION = '0.1.0';
/** Where the generated rule docs are published; `helpUri` in SARIF is `${RULE_DOCS_URL}<id>.md`. */
export const RULE_DOCS_URL = 'https://github.com/aksward/aksward/blob/main/docs/rules/';
/** Version of the JSON report schema (docs/json-report.md); bumped on any breaking change. */
export const JSON_SCHEMA_VERSION = '1.3';
