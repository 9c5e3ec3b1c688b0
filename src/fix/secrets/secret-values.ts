/**
 * @module The secret values of the inputs, gathered so that no fix output carries one: Secret data and
 * stringData (as written and decoded), literals the credential detector flags (env values, annotations,
 * container arguments, lines of embedded configuration), the last-applied copy of an object, Terraform
 * sensitive variables and tfvars, ARM secure parameters. The values stay in memory; what leaves is a
 * test (`holds`) and a placeholder (`scrub`).
 */
import type { ClusterModel } from '../../model/index.js';

/**
 * The scan's own credential detector, handed in by the caller (a fix reads no rule module): why
 * `key: value` looks like a committed credential, and a Secret `data` value decoded.
 */
export interface CredentialDetector {
  readonly detectCredential: (key: string, value: string) => string | undefined;
  readonly decodeBase64: (value: string) => string | undefined;
}

/** What a secret value becomes in a file aksward writes: clearly not a value, and still flagged by a scan. */
export const SECRET_PLACEHOLDER = 'aksward-redacted-secret';

/** Shorter values are words, not secrets worth hiding (and hiding them would cut ordinary text). */
const MIN_LENGTH = 4;

/** `key: value`, `key = "value"`, `"key": "value",`, `--key=value`: one assignment on one line. */
const ASSIGNMENT =
  /^\s*(?:-\s+)?(?:--)?["']?([A-Za-z0-9_./-]+)["']?\s*[:=]\s*(?:["']([^"'\n]*)["']|([^\s#,][^#\n]*?))\s*,?\s*$/;

export interface SecretValues {
  /** True when the line holds a secret value: it may not appear in a diff, as context or removed. */
  holds(line: string): boolean;
  /** The text with every secret value replaced by {@link SECRET_PLACEHOLDER}. */
  scrub(text: string): string;
  /** How many distinct values are known (none: `scrub` changes nothing). */
  readonly size: number;
}

/** `quotedOnly`: in HCL an unquoted value is an expression (`var.client_secret`), not a literal. */
function addFromAssignment(
  d: CredentialDetector,
  line: string,
  add: (value: string) => void,
  quotedOnly = false,
): void {
  const match = ASSIGNMENT.exec(line);
  if (!match) return;
  const key = match[1] ?? '';
  if (quotedOnly && match[2] === undefined) return;
  const value = match[2] ?? match[3] ?? '';
  // A flow collection (`"p": { "type": ... }`) is not one value: its own lines or entries are read.
  if (match[2] === undefined && /^[[{]/.test(value)) return;
  if (d.detectCredential(key, value) !== undefined) add(value);
}

/** Walks a JSON-like value: credential-named literals, multi-line strings line by line, `--flag=value`. */
function walk(
  d: CredentialDetector,
  value: unknown,
  key: string,
  add: (value: string) => void,
  depth = 0,
): void {
  if (depth > 64) return;
  if (typeof value === 'string') {
    if (key !== '' && d.detectCredential(key, value) !== undefined) add(value);
    if (value.includes('\n')) for (const line of value.split('\n')) addFromAssignment(d, line, add);
    else if (/^--?[A-Za-z]/.test(value)) addFromAssignment(d, value, add);
    if (key === 'kubectl.kubernetes.io/last-applied-configuration') {
      try {
        const applied: unknown = JSON.parse(value);
        walkObject(d, applied, add, depth + 1);
      } catch {
        // not JSON: its lines were read above
      }
    }
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) walk(d, item, key, add, depth + 1);
    return;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // ARM secure parameters: the default (or the parameters file's value) is the secret.
    const type = typeof record.type === 'string' ? record.type.toLowerCase() : '';
    if (type === 'securestring' || type === 'secureobject') {
      for (const field of ['defaultValue', 'value']) {
        const held = record[field];
        if (typeof held === 'string') add(held);
        else if (held !== undefined) collectStrings(held, add, depth + 1);
      }
    }
    // An env entry (`- name: API_KEY` / `value: ...`): the name says what the value is.
    if (typeof record.name === 'string' && typeof record.value === 'string')
      if (d.detectCredential(record.name, record.value) !== undefined) add(record.value);
    for (const [k, v] of Object.entries(record)) walk(d, v, k, add, depth + 1);
  }
}

function collectStrings(value: unknown, add: (value: string) => void, depth: number): void {
  if (depth > 64) return;
  if (typeof value === 'string') add(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, add, depth + 1);
  else if (value !== null && typeof value === 'object')
    for (const v of Object.values(value)) collectStrings(v, add, depth + 1);
}

/** A Kubernetes object: every Secret entry (raw and decoded), then the credential walk. */
function walkObject(d: CredentialDetector, object: unknown, add: (value: string) => void, depth = 0): void {
  if (object === null || typeof object !== 'object') return;
  const record = object as Record<string, unknown>;
  if (record.kind === 'Secret') {
    for (const field of ['data', 'stringData']) {
      const map = record[field];
      if (map === null || typeof map !== 'object') continue;
      for (const raw of Object.values(map as Record<string, unknown>)) {
        if (typeof raw !== 'string') continue;
        add(raw);
        const decoded = field === 'data' ? d.decodeBase64(raw) : undefined;
        if (decoded !== undefined) {
          add(decoded);
          for (const line of decoded.split('\n')) add(line.trim());
        }
      }
    }
  }
  walk(d, record, '', add, depth);
}

/** Terraform variables the `.tf` files declare, and which of them are sensitive. */
interface TerraformVariables {
  readonly declared: ReadonlySet<string>;
  readonly sensitive: ReadonlySet<string>;
}

function terraformVariables(files: ReadonlyMap<string, string>): TerraformVariables {
  const declared = new Set<string>();
  const sensitive = new Set<string>();
  for (const [file, text] of files) {
    if (!file.endsWith('.tf')) continue;
    for (const block of text.matchAll(/variable\s+"([^"]*)"\s*\{([^}]*)\}/g)) {
      const name = block[1] ?? '';
      declared.add(name);
      if (/\bsensitive\s*=\s*true\b/.test(block[2] ?? '')) sensitive.add(name);
    }
  }
  return { declared, sensitive };
}

/**
 * A variable whose tfvars value is kept secret: declared sensitive, or declared by no `.tf` file of the
 * inputs (its declaration, and whether it is sensitive, is unknown here).
 */
function secretVariable(name: string, variables: TerraformVariables): boolean {
  return variables.sensitive.has(name) || !variables.declared.has(name);
}

/** Terraform: sensitive variables' defaults and tfvars values; every file: credential-named assignments. */
function fromText(
  d: CredentialDetector,
  file: string,
  text: string,
  variables: TerraformVariables,
  add: (value: string) => void,
): void {
  if (file.endsWith('.tf')) {
    for (const block of text.matchAll(/variable\s+"[^"]*"\s*\{([^}]*)\}/g)) {
      const body = block[1] ?? '';
      if (!/\bsensitive\s*=\s*true\b/.test(body)) continue;
      const value = /\bdefault\s*=\s*"([^"\n]*)"/.exec(body)?.[1];
      if (value !== undefined) add(value);
    }
  }
  if (file.endsWith('.tfvars')) {
    // Blanks within the line only: `\s` would cross line ends, and a run of blank lines made every line
    // start scan the rest of the run (quadratic on a hostile var file).
    for (const match of text.matchAll(/^[ \t]*([A-Za-z_][\w-]*)[ \t]*=[ \t]*"([^"\n]*)"/gm))
      if (secretVariable(match[1] ?? '', variables)) add(match[2] ?? '');
  }
  if (file.endsWith('.tfvars.json')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
        for (const [name, value] of Object.entries(parsed as Record<string, unknown>))
          if (secretVariable(name, variables)) collectStrings(value, add, 0);
    } catch {
      // not JSON: the line heuristics below still apply
    }
  }
  if (file.endsWith('.json')) {
    try {
      walk(d, JSON.parse(text) as unknown, '', add);
    } catch {
      // not JSON: the line heuristics below still apply
    }
  }
  const hcl = file.endsWith('.tf') || file.endsWith('.tfvars');
  for (const line of text.split('\n')) addFromAssignment(d, line, add, hcl);
}

/**
 * The secret values of the model's objects and of the given files (`path → text`; Terraform variable
 * files next to a module are worth passing, as the model resolves variables from them).
 */
export function collectSecretValues(
  model: ClusterModel,
  files: ReadonlyMap<string, string>,
  detector: CredentialDetector,
): SecretValues {
  const values = new Set<string>();
  const add = (value: string): void => {
    const trimmed = value.trim();
    // An ARM expression (`[parameters('spSecret')]`) names a value; it is not one.
    if (/^\[(?!\[)[\s\S]*\]$/.test(trimmed)) return;
    if (trimmed.length >= MIN_LENGTH) values.add(trimmed);
    // `"CANARY"` quoted inside a line: the bare value too.
    const unquoted = trimmed.replace(/^["']|["']$/g, '');
    if (unquoted.length >= MIN_LENGTH) values.add(unquoted);
  };
  for (const object of model.objects) walkObject(detector, object.body, add);
  const variables = terraformVariables(files);
  for (const [file, text] of files) fromText(detector, file, text, variables, add);
  const sorted = [...values].sort((a, b) => b.length - a.length);
  return {
    size: sorted.length,
    holds: (line) => sorted.some((value) => line.includes(value)),
    scrub: (text) => {
      let out = text;
      for (const value of sorted) if (out.includes(value)) out = out.split(value).join(SECRET_PLACEHOLDER);
      return out;
    },
  };
}
