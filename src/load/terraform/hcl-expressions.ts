/** @module Resolves the `${…}` expressions hcl2json leaves in a module: literals, variables, tfvars and locals; anything else is unknown, with why. */
import { isRecord, type TfRead } from './tf-resource.js';

export type Resolved = Exclude<TfRead, { kind: 'absent' }>;

export interface VariableDeclaration {
  readonly hasDefault: boolean;
  readonly default?: unknown;
  /** Declared `sensitive = true`: its value is a secret, never read, whatever tfvars or the default say. */
  readonly sensitive?: boolean;
}

/** Why a value read through a sensitive variable stays unknown. */
export const sensitiveVariableReason = (name: string): string =>
  `comes from the sensitive variable ${name}; aksward does not read secure values`;

/** What a module knows before any resource exists: its variables (with tfvars applied over defaults) and locals. */
export interface ModuleScope {
  readonly variables: ReadonlyMap<string, VariableDeclaration>;
  /** Values from `terraform.tfvars` and `*.auto.tfvars`, which override defaults. */
  readonly tfvars: ReadonlyMap<string, unknown>;
  readonly locals: ReadonlyMap<string, unknown>;
}

/** The `key` and `value` of one instance of a `dynamic` block's iterator. */
export interface Binding {
  readonly key: unknown;
  readonly value: unknown;
}

export interface Resolver {
  resolve(raw: unknown): Resolved;
  /** A resolver that also knows a `dynamic` block's iterator (`enabled_log.value`). */
  bind(name: string, binding: Binding): Resolver;
  /** Resource addresses (`type.name`, `data.type.name`) the value refers to, directly or through locals. */
  references(raw: unknown): ReadonlySet<string>;
}

type Step = string | number;

interface Context {
  readonly scope: ModuleScope;
  readonly bindings: ReadonlyMap<string, Binding>;
  /** Locals being resolved, to stop on a cycle. */
  readonly resolving: Set<string>;
  /** Locals already resolved: they do not depend on the bindings, and a chain of them could fan out. */
  readonly locals: Map<string, Resolved>;
}

/** Templates over locals can double at each step: a bound keeps a hostile module from exhausting memory. */
const MAX_STRING = 1 << 20;

const known = (value: unknown): Resolved => ({ kind: 'value', value });
const unknown = (reason: string): Resolved => ({ kind: 'unknown', reason });

const TRAVERSAL = /^([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*|\.\d+|\[\s*(?:\d+|"(?:[^"\\]|\\.)*")\s*\])*)$/;
const STEP = /\.([A-Za-z_][\w-]*)|\.(\d+)|\[\s*(\d+)\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]/g;
const CALL = /^([A-Za-z_]\w*)\(([\s\S]*)\)$/;
const QUOTED = /"(?:[^"\\]|\\.)*"/g;
const REFERENCE = /(?<![\w.-])(data\.)?([A-Za-z][\w-]*)\.([A-Za-z_][\w-]*)/g;
const NON_RESOURCE_ROOTS = new Set(['var', 'local', 'each', 'count', 'path', 'terraform', 'self', 'module']);

function parseSteps(text: string): Step[] {
  const steps: Step[] = [];
  for (const m of text.matchAll(STEP)) {
    if (m[1] !== undefined) steps.push(m[1]);
    else if (m[2] !== undefined) steps.push(Number(m[2]));
    else if (m[3] !== undefined) steps.push(Number(m[3]));
    else steps.push((m[4] ?? '').replace(/\\(.)/g, '$1'));
  }
  return steps;
}

function traverse(base: Resolved, steps: readonly Step[], text: string): Resolved {
  if (base.kind === 'unknown') return base;
  let value = base.value;
  for (const step of steps) {
    const next: unknown =
      typeof step === 'number'
        ? Array.isArray(value)
          ? value[step]
          : undefined
        : isRecord(value)
          ? value[step]
          : undefined;
    if (next === undefined) return unknown(`${text} has no element ${String(step)}`);
    value = next;
  }
  return known(value);
}

function variable(name: string, ctx: Context): Resolved {
  const declaration = ctx.scope.variables.get(name);
  if (!declaration) return unknown(`depends on var.${name}, which this module does not declare`);
  if (declaration.sensitive === true) return unknown(sensitiveVariableReason(name));
  if (ctx.scope.tfvars.has(name)) return resolveRaw(ctx.scope.tfvars.get(name), ctx);
  if (!declaration.hasDefault) return unknown(`depends on var.${name}, which has no default`);
  return resolveRaw(declaration.default, ctx);
}

function local(name: string, ctx: Context): Resolved {
  if (!ctx.scope.locals.has(name))
    return unknown(`depends on local.${name}, which this module does not define`);
  const cached = ctx.locals.get(name);
  if (cached) return cached;
  if (ctx.resolving.has(name)) return unknown(`local.${name} refers to itself`);
  ctx.resolving.add(name);
  // Locals are evaluated in module scope: an iterator of the block that reads one is not visible there.
  const result = resolveRaw(ctx.scope.locals.get(name), { ...ctx, bindings: new Map() });
  ctx.resolving.delete(name);
  ctx.locals.set(name, result);
  return result;
}

function resolveTraversal(root: string, steps: readonly Step[], text: string, ctx: Context): Resolved {
  const [first, second] = steps;
  const rest = steps.slice(1);
  if (root === 'var' && typeof first === 'string') return traverse(variable(first, ctx), rest, text);
  if (root === 'local' && typeof first === 'string') return traverse(local(first, ctx), rest, text);
  const binding = ctx.bindings.get(root);
  if (binding && (first === 'key' || first === 'value')) return traverse(known(binding[first]), rest, text);
  const head = [root, first, second].filter((s) => s !== undefined).join('.');
  if (root === 'each') return unknown(`depends on ${head}, which differs per for_each instance`);
  if (root === 'count') return unknown(`depends on ${head}, which differs per count instance`);
  if (root === 'data') return unknown(`depends on ${head}, a data source read when Terraform plans`);
  if (root === 'module') return unknown(`depends on ${head}, an output of a module aksward does not follow`);
  if (NON_RESOURCE_ROOTS.has(root)) return unknown(`depends on ${head}, which aksward does not evaluate`);
  return unknown(`depends on ${head}, a resource attribute known only after apply`);
}

/** `toset`/`tolist` only change the collection type: the values are what a `for_each` or a list needs. */
function resolveCall(name: string, argument: string, ctx: Context): Resolved {
  // `sensitive()` marks a value as secret whatever it is built from (Terraform functions reference).
  if (name === 'sensitive') return unknown('is marked sensitive(); aksward does not read secure values');
  if (name !== 'toset' && name !== 'tolist') {
    return unknown(`depends on the function ${name}(), which aksward does not evaluate`);
  }
  const inner = resolveExpression(argument, ctx);
  if (inner.kind === 'unknown') return inner;
  if (!Array.isArray(inner.value)) return unknown(`${name}() of a value that is not a list`);
  return known(name === 'toset' ? [...new Set(inner.value)] : inner.value);
}

function parseLiteral(text: string): { value: unknown } | undefined {
  if (!/^(?:-?\d|"|\[|\{|true$|false$|null$)/.test(text)) return undefined;
  try {
    return { value: JSON.parse(text.replace(/,(\s*[\]}])/g, '$1')) as unknown };
  } catch {
    // Not JSON-shaped (an HCL object `{ a = 1 }`, a list of references): left to the other forms.
    return undefined;
  }
}

function describe(text: string): string {
  const reference = /\b(?:var|local)\.[A-Za-z_][\w-]*/.exec(text.replace(QUOTED, '""'));
  return reference
    ? `depends on an expression over ${reference[0]} that aksward does not evaluate`
    : 'depends on an expression aksward does not evaluate';
}

function resolveExpression(expression: string, ctx: Context): Resolved {
  const text = expression.trim();
  const literal = parseLiteral(text);
  if (literal) return resolveRaw(literal.value, ctx);
  const traversal = TRAVERSAL.exec(text);
  if (traversal) return resolveTraversal(traversal[1] ?? '', parseSteps(traversal[2] ?? ''), text, ctx);
  const call = CALL.exec(text);
  if (call) return resolveCall(call[1] ?? '', call[2] ?? '', ctx);
  return unknown(describe(text));
}

type TemplatePart =
  { readonly literal: string } | { readonly expression: string } | { readonly directive: true };

/** The index just past the `}` closing a `${` or `%{` whose body starts at `from`. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
    i++;
  }
  return text.length;
}

function splitTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    const marker = c === '$' || c === '%';
    if (marker && text[i + 1] === c && text[i + 2] === '{') {
      // `$${` and `%%{` are escapes for a literal `${` and `%{`.
      literal += `${c}{`;
      i += 3;
    } else if (marker && text[i + 1] === '{') {
      if (literal !== '') parts.push({ literal });
      literal = '';
      const end = closingBrace(text, i + 2);
      parts.push(c === '$' ? { expression: text.slice(i + 2, end - 1) } : { directive: true });
      i = end;
    } else {
      literal += c;
      i++;
    }
  }
  if (literal !== '' || parts.length === 0) parts.push({ literal });
  return parts;
}

function resolveString(text: string, ctx: Context): Resolved {
  const parts = splitTemplate(text);
  const [only] = parts;
  // A lone interpolation keeps its type: `"${var.enabled}"` is a bool, not the string "true".
  if (parts.length === 1 && only && 'expression' in only) return resolveExpression(only.expression, ctx);
  let out = '';
  for (const part of parts) {
    if ('directive' in part)
      return unknown('uses a template directive (%{…}) that aksward does not evaluate');
    if ('literal' in part) {
      out += part.literal;
      continue;
    }
    const value = resolveExpression(part.expression, ctx);
    if (value.kind === 'unknown') return value;
    if (!['string', 'number', 'boolean'].includes(typeof value.value)) {
      return unknown('interpolates a value that is not a string');
    }
    out += String(value.value);
    if (out.length > MAX_STRING) return unknown('builds a string longer than aksward evaluates (1 MiB)');
  }
  return known(out);
}

function resolveRaw(raw: unknown, ctx: Context): Resolved {
  if (typeof raw === 'string') return resolveString(raw, ctx);
  if (Array.isArray(raw)) {
    const out: unknown[] = [];
    for (const item of raw) {
      const value = resolveRaw(item, ctx);
      if (value.kind === 'unknown') return value;
      out.push(value.value);
    }
    return known(out);
  }
  if (isRecord(raw)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(raw)) {
      if (key.includes('${')) return unknown('has a map key that is an expression');
      const value = resolveRaw(item, ctx);
      if (value.kind === 'unknown') return value;
      out[key] = value.value;
    }
    return known(out);
  }
  return known(raw);
}

function collectReferences(raw: unknown, scope: ModuleScope, out: Set<string>, seen: Set<string>): void {
  if (Array.isArray(raw)) for (const item of raw) collectReferences(item, scope, out, seen);
  else if (isRecord(raw)) for (const item of Object.values(raw)) collectReferences(item, scope, out, seen);
  if (typeof raw !== 'string' || !raw.includes('${')) return;
  const expressions = splitTemplate(raw).flatMap((part) => ('expression' in part ? [part.expression] : []));
  for (const m of expressions.join('\n').replace(QUOTED, '""').matchAll(REFERENCE)) {
    const [, data, root = '', name = ''] = m;
    if (data) out.add(`data.${root}.${name}`);
    else if (root === 'local' && !seen.has(name)) {
      seen.add(name);
      collectReferences(scope.locals.get(name), scope, out, seen);
    } else if (!NON_RESOURCE_ROOTS.has(root) && root.includes('_')) out.add(`${root}.${name}`);
  }
}

export function createResolver(
  scope: ModuleScope,
  bindings: ReadonlyMap<string, Binding> = new Map(),
  locals = new Map<string, Resolved>(),
): Resolver {
  return {
    resolve: (raw) => resolveRaw(raw, { scope, bindings, resolving: new Set(), locals }),
    bind: (name, binding) => createResolver(scope, new Map([...bindings, [name, binding]]), locals),
    references: (raw) => {
      const out = new Set<string>();
      collectReferences(raw, scope, out, new Set());
      return out;
    },
  };
}
