/** @module Resolves the `${…}` expressions hcl2json leaves in a module: literals, variables, tfvars and locals; anything else is unknown, with why. */
import type { SourceLocation } from '../../model/index.js';
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

/** A value set from outside the module's files: a module call's argument, `--var`, a `TF_VAR_` variable. */
export interface AssignedValue {
  /** Resolved when first read (an argument may read another module's output). */
  resolve(): Resolved;
  /** Where the value is set (the call's argument line), when that is a line of a file. */
  readonly at?: SourceLocation;
}

/** The outputs of the local modules a module calls (`module.<call>.<output>`). */
export interface ModuleOutputs {
  /** The output's value; undefined when `call` is not a module this module's scope knows. */
  output(call: string, name: string): Resolved | undefined;
  /** Resource addresses the output refers to, as the caller names them (`module.aks.azurerm_x.y`). */
  references(call: string, name: string): ReadonlySet<string>;
}

/**
 * What a module knows before any resource exists: its variables and locals. A variable's value is, in
 * Terraform's precedence (highest first): `inputs`, `tfvars`, `environment`, its default.
 */
export interface ModuleScope {
  readonly variables: ReadonlyMap<string, VariableDeclaration>;
  /** Values from var files (`terraform.tfvars`, `*.auto.tfvars`, `--var-file`), which override defaults. */
  readonly tfvars: ReadonlyMap<string, unknown>;
  readonly locals: ReadonlyMap<string, unknown>;
  /** Module call arguments (child modules), or `--var` values (root modules). */
  readonly inputs?: ReadonlyMap<string, AssignedValue>;
  /** `TF_VAR_<name>` environment variables (root modules), below every var file. */
  readonly environment?: ReadonlyMap<string, AssignedValue>;
  readonly modules?: ModuleOutputs;
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
  /** Where a value that is exactly `var.<name>` is set, when a caller's argument (or a file) sets it. */
  origin(raw: unknown): SourceLocation | undefined;
}

type Step = string | number;

/** Called once per reference cycle found (`['var.a', 'var.b', 'var.a']`), so the loader can say where. */
export type CycleListener = (cycle: readonly string[]) => void;

/**
 * Variables and locals already resolved, by `var.name` / `local.name`: they do not depend on the bindings,
 * and without the memo a chain of them that each read the previous twice costs 2^n evaluations.
 */
type Memo = Map<string, Resolved>;

interface Context {
  readonly scope: ModuleScope;
  readonly bindings: ReadonlyMap<string, Binding>;
  /** Variables and locals being resolved, outermost first: a name met again closes a cycle. */
  readonly stack: string[];
  readonly memo: Memo;
  readonly onCycle: CycleListener;
}

/** Templates over locals can double at each step: a bound keeps a hostile module from exhausting memory. */
const MAX_STRING = 1 << 20;

const known = (value: unknown): Resolved => ({ kind: 'value', value });
const unknown = (reason: string): Resolved => ({ kind: 'unknown', reason });

/**
 * Memoised variables share their values, so `[var.a, var.a]` nested 30 times is small in memory but
 * 2^30 elements to anything that walks it: the elements and characters a value spans are bounded too.
 */
const MAX_WEIGHT = 1 << 22;
const weights = new WeakMap<object, number>();

function weightOf(value: unknown): number {
  if (typeof value === 'string') return 1 + value.length;
  if (typeof value !== 'object' || value === null) return 1;
  return weights.get(value) ?? 1;
}

/** A list or map built from resolved items, or unknown when it spans more than MAX_WEIGHT. */
function composite(value: object, items: readonly unknown[]): Resolved {
  let weight = 1;
  for (const item of items) weight += weightOf(item);
  if (weight > MAX_WEIGHT) return unknown('builds a value larger than aksward evaluates (4 Mi elements)');
  weights.set(value, weight);
  return known(value);
}

const TRAVERSAL = /^([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*|\.\d+|\[\s*(?:\d+|"(?:[^"\\]|\\.)*")\s*\])*)$/;
const STEP = /\.([A-Za-z_][\w-]*)|\.(\d+)|\[\s*(\d+)\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]/g;
const CALL = /^([A-Za-z_]\w*)\(([\s\S]*)\)$/;
const QUOTED = /"(?:[^"\\]|\\.)*"/g;
const REFERENCE = /(?<![\w.-])(data\.)?([A-Za-z][\w-]*)\.([A-Za-z_][\w-]*)/g;
const MODULE_OUTPUT = /(?<![\w.-])module\.([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)/g;
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
    // Own properties only: `var.map.constructor` is no element, not Object's constructor.
    const next: unknown =
      typeof step === 'number'
        ? Array.isArray(value)
          ? value[step]
          : undefined
        : isRecord(value) && Object.hasOwn(value, step)
          ? value[step]
          : undefined;
    if (next === undefined) return unknown(`${text} has no element ${String(step)}`);
    value = next;
  }
  return known(value);
}

/**
 * Resolves a variable's or a local's value once per module. A name already on the stack closes a cycle
 * (Terraform rejects one): the value is unknown. Every name that reaches a name on the stack is itself in
 * that cycle, so caching its unknown result is exact.
 */
function named(key: string, raw: unknown, ctx: Context): Resolved {
  const cached = ctx.memo.get(key);
  if (cached) return cached;
  const at = ctx.stack.indexOf(key);
  if (at >= 0) {
    const cycle = [...ctx.stack.slice(at), key];
    ctx.onCycle(cycle);
    return unknown(
      cycle.length === 2 ? `${key} refers to itself` : `${key} is in a reference cycle: ${cycle.join(' → ')}`,
    );
  }
  ctx.stack.push(key);
  // Evaluated in module scope: an iterator of the block that reads one is not visible there.
  const result = resolveRaw(raw, { ...ctx, bindings: new Map() });
  ctx.stack.pop();
  ctx.memo.set(key, result);
  return result;
}

function variable(name: string, ctx: Context): Resolved {
  const declaration = ctx.scope.variables.get(name);
  if (!declaration) return unknown(`depends on var.${name}, which this module does not declare`);
  if (declaration.sensitive === true) return unknown(sensitiveVariableReason(name));
  const input = ctx.scope.inputs?.get(name);
  if (input) return input.resolve();
  if (ctx.scope.tfvars.has(name)) return named(`var.${name}`, ctx.scope.tfvars.get(name), ctx);
  const environment = ctx.scope.environment?.get(name);
  if (environment) return environment.resolve();
  if (!declaration.hasDefault) return unknown(`depends on var.${name}, which has no default`);
  return named(`var.${name}`, declaration.default, ctx);
}

function local(name: string, ctx: Context): Resolved {
  if (!ctx.scope.locals.has(name))
    return unknown(`depends on local.${name}, which this module does not define`);
  return named(`local.${name}`, ctx.scope.locals.get(name), ctx);
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
  if (root === 'module' && typeof first === 'string' && typeof second === 'string') {
    const output = ctx.scope.modules?.output(first, second);
    if (output) return traverse(output, steps.slice(2), text);
  }
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
  if (name === 'tolist') return inner;
  const set = [...new Set(inner.value)];
  return composite(set, set);
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
    return composite(out, out);
  }
  if (isRecord(raw)) {
    const out: [string, unknown][] = [];
    for (const [key, item] of Object.entries(raw)) {
      if (key.includes('${')) return unknown('has a map key that is an expression');
      const value = resolveRaw(item, ctx);
      if (value.kind === 'unknown') return value;
      out.push([key, value.value]);
    }
    // fromEntries defines own properties: a key `__proto__` stays a key instead of setting the prototype.
    return composite(
      Object.fromEntries(out),
      out.map(([, value]) => value),
    );
  }
  return known(raw);
}

function collectReferences(raw: unknown, scope: ModuleScope, out: Set<string>, seen: Set<string>): void {
  if (Array.isArray(raw)) for (const item of raw) collectReferences(item, scope, out, seen);
  else if (isRecord(raw)) for (const item of Object.values(raw)) collectReferences(item, scope, out, seen);
  if (typeof raw !== 'string' || !raw.includes('${')) return;
  const expressions = splitTemplate(raw).flatMap((part) => ('expression' in part ? [part.expression] : []));
  const code = expressions.join('\n').replace(QUOTED, '""');
  for (const [, call = '', output = ''] of code.matchAll(MODULE_OUTPUT))
    for (const address of scope.modules?.references(call, output) ?? []) out.add(address);
  for (const m of code.matchAll(REFERENCE)) {
    const [, data, root = '', name = ''] = m;
    if (data) out.add(`data.${root}.${name}`);
    else if (root === 'local' && !seen.has(name)) {
      seen.add(name);
      collectReferences(scope.locals.get(name), scope, out, seen);
    } else if (!NON_RESOURCE_ROOTS.has(root) && root.includes('_')) out.add(`${root}.${name}`);
  }
}

const LONE_VARIABLE = /^\$\{\s*var\.([A-Za-z_][\w-]*)\s*\}$/;

/** `onCycle` hears of each cycle among variables and locals once (its members are then memoised). */
export function createResolver(
  scope: ModuleScope,
  onCycle: CycleListener = () => undefined,
  bindings: ReadonlyMap<string, Binding> = new Map(),
  memo: Memo = new Map(),
): Resolver {
  return {
    resolve: (raw) => resolveRaw(raw, { scope, bindings, stack: [], memo, onCycle }),
    bind: (name, binding) => createResolver(scope, onCycle, new Map([...bindings, [name, binding]]), memo),
    references: (raw) => {
      const out = new Set<string>();
      collectReferences(raw, scope, out, new Set());
      return out;
    },
    origin: (raw) => {
      const name = typeof raw === 'string' ? LONE_VARIABLE.exec(raw)?.[1] : undefined;
      if (name === undefined || scope.variables.get(name)?.sensitive === true) return undefined;
      return scope.inputs?.get(name)?.at;
    },
  };
}
