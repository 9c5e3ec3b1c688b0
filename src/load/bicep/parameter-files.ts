/**
 * @module Parameter files into parameter values: `.bicepparam` (`using './main.bicep'`, `param x = ...`,
 * `var`s) and ARM parameter files (`deploymentParameters` schema, `{ parameters: { x: { value } } }`).
 * A Key Vault reference, `getSecret()` or `readEnvironmentVariable()` is a value decided at deployment.
 */
import { dirname, resolve } from 'node:path';
import { resolveValue } from '../cluster-json/arm-evaluator.js';
import { decided, undecidable } from '../cluster-json/arm-value.js';
import type { JsonEntry, JsonNode } from '../cluster-json/json-tree.js';
import { getNode, parseJsonTree, toPlain } from '../cluster-json/json-tree.js';
import type { SuppliedParameter } from '../cluster-json/template-scope.js';
import { createTemplateScope } from '../cluster-json/template-scope.js';
import type { LoadSink } from '../load-sink.js';
import type { BicepSymbol, ExpressionContext } from './bicep-expression.js';
import { parseBicep } from './bicep-parser.js';
import { toJson } from './bicep-compile.js';

export interface ParameterValues {
  /** Parameter values by lower-case name. */
  readonly values: ReadonlyMap<string, SuppliedParameter>;
  /** The template a `.bicepparam` names with `using` (absolute path); undefined for JSON. */
  readonly using?: string;
}

export const isBicepParam = (path: string): boolean => path.toLowerCase().endsWith('.bicepparam');

/** `x.parameters.json`, `x.parameters.prod.json`, `azuredeploy.parameters.json`, `parameters.json`. */
const PARAMETER_JSON = /(^|[./])parameters(\.[\w-]+)?\.json$/i;

export const isParameterFileName = (path: string): boolean =>
  isBicepParam(path) || PARAMETER_JSON.test(path.split(/[\\/]/).pop() ?? '');

/** The template a JSON parameter file sits beside: `x.parameters[.env].json` → `x` (then `x.json` or `x.bicep`). */
export function templateStem(path: string): string | undefined {
  const match = /^(.*?)\.parameters(\.[\w-]+)?\.json$/i.exec(path);
  return match?.[1];
}

function fromBicepParam(
  text: string,
  path: string,
  file: string,
  sink: LoadSink,
): ParameterValues | undefined {
  sink.registerText(file, text);
  const parsed = parseBicep(text);
  if (!parsed.ok) {
    const message = `malformed .bicepparam: ${parsed.message}; its values are not applied`;
    sink.addDiagnostic({ code: 'parse-error', level: 'error', message, file, line: parsed.line });
    return undefined;
  }
  const symbols = new Map<string, BicepSymbol>();
  for (const decl of parsed.declarations) if (decl.kind === 'var') symbols.set(decl.name, { kind: 'var' });
  const cx: ExpressionContext = {
    symbols,
    counter: { next: 0 },
    report: (message, line) => {
      sink.addDiagnostic({ code: 'unresolved-value', level: 'warning', message, file, line });
    },
  };
  const variables: JsonEntry[] = [];
  const params: [string, JsonNode][] = [];
  let using: string | undefined;
  for (const decl of parsed.declarations) {
    if (decl.kind === 'using') using = resolve(dirname(path), decl.path);
    else if (decl.kind === 'var')
      variables.push({ key: decl.name, line: decl.line, value: toJson(decl.value, cx) });
    else if (decl.kind === 'param' && decl.value) params.push([decl.name, toJson(decl.value, cx)]);
  }
  const scope = createTemplateScope({
    kind: 'object',
    line: 1,
    entries: [{ key: 'variables', line: 1, value: { kind: 'object', line: 1, entries: variables } }],
  });
  const values = new Map<string, SuppliedParameter>();
  for (const [name, node] of params) {
    const plain = toPlain(node);
    values.set(name.toLowerCase(), (symbolic) => resolveValue(plain, scope, symbolic));
  }
  return { values, ...(using === undefined ? {} : { using }) };
}

function fromJson(text: string, file: string, sink: LoadSink): ParameterValues | undefined {
  sink.registerText(file, text);
  const root = parseJsonTree(text, file, sink);
  if (!root) return undefined;
  const parameters = getNode(root, 'parameters');
  if (parameters?.kind !== 'object') {
    const message = 'a parameter file has a "parameters" object; this one has none, so no value is applied';
    sink.addDiagnostic({ code: 'wrong-type', level: 'error', message, file, line: root.line });
    return undefined;
  }
  const values = new Map<string, SuppliedParameter>();
  for (const { key, value } of parameters.entries) {
    const given = getNode(value, 'value');
    // Parameter files hold values, not expressions: a "[...]" string is taken as written.
    const plain = given === undefined ? undefined : toPlain(given);
    const reason = getNode(value, 'reference')
      ? `parameter ${key} is a Key Vault reference, read at deployment`
      : `parameter ${key} has no value in the parameter file`;
    values.set(key.toLowerCase(), () => (given === undefined ? undecidable(reason) : decided(plain)));
  }
  return { values };
}

/** Reads a parameter file's values; problems are diagnostics with file and line, and give undefined. */
export function readParameterFile(
  text: string,
  path: string,
  file: string,
  sink: LoadSink,
): ParameterValues | undefined {
  return isBicepParam(path) ? fromBicepParam(text, path, file, sink) : fromJson(text, file, sink);
}
