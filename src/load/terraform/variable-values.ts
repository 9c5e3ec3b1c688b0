/** @module Variable values given outside var files: `TF_VAR_<name>` environment variables and `--var name=value`. */
import type { LoadSink } from '../load-sink.js';
import type { AssignedValue } from './hcl-expressions.js';
import { parseHcl } from './hcl-module.js';
import { isRecord } from './tf-resource.js';

/**
 * Terraform reads such a value as a string for a `string` variable and as an HCL expression for a list,
 * map or object. aksward does not know the type here: a value that starts like a list or an object is
 * read as HCL, anything else as a string (the boolean and number readers accept `"true"`, `"3"`).
 */
async function valueOf(name: string, text: string, what: string, sink: LoadSink): Promise<unknown> {
  if (!/^\s*[[{]/.test(text)) return text;
  // The text is never echoed: a diagnostic names only the variable (its value may be a secret).
  const quiet: LoadSink = { ...sink, addDiagnostic: () => undefined };
  const json = await parseHcl(what, `value = ${text}\n`, quiet);
  if (isRecord(json) && 'value' in json) return json.value;
  sink.addDiagnostic({
    code: 'parse-error',
    level: 'warning',
    message: `${what}: the value of ${name} is not a valid HCL list or object; it is read as a string`,
    file: what,
  });
  return text;
}

/** `TF_VAR_<name>` variables of an environment, by variable name. */
export function environmentVariables(
  environment: Readonly<Record<string, string | undefined>>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(environment))
    if (key.startsWith('TF_VAR_') && key.length > 7 && value !== undefined) out.set(key.slice(7), value);
  return out;
}

/** Values as a module scope takes them; `what` names their origin in diagnostics (`TF_VAR_`, `--var`). */
export async function assignedValues(
  values: ReadonlyMap<string, string>,
  what: string,
  sink: LoadSink,
): Promise<Map<string, AssignedValue>> {
  const out = new Map<string, AssignedValue>();
  for (const [name, text] of values) {
    const value = await valueOf(name, text, what, sink);
    out.set(name, { resolve: () => ({ kind: 'value', value }) });
  }
  return out;
}
