/**
 * @module Bicep declarations into the ARM template `bicep build` would write (languageVersion 2.0), as a
 * JSON tree whose every node carries its Bicep line: the ARM path then reads it as it reads any template.
 */
import type { JsonEntry, JsonNode, JsonObject } from '../cluster-json/json-tree.js';
import type { BicepSymbol, ExpressionContext } from './bicep-expression.js';
import { AKS_MODULE } from '../normalize/unknown-cluster.js';
import { toArm, UNRESOLVED } from './bicep-expression.js';
import type { Declaration, Decorator, Expr, ObjectProperty, ResourceDecl } from './bicep-syntax.js';

export interface CompileOptions {
  /** A problem at a line of this file; `level` defaults to warning. */
  readonly report: (
    message: string,
    line: number,
    level?: 'warning' | 'info' | 'error',
    code?: 'unresolved-value' | 'unsupported-input',
  ) => void;
  /** The compiled template of a local module (`./x.bicep`), or undefined when it was not read (reported). */
  readonly module: (path: string, line: number) => JsonObject | undefined;
  /** A registry module or template spec whose reference names AKS: it may deploy a cluster nobody reads. */
  readonly remoteCluster?: (module: RemoteClusterModule) => void;
}

export interface RemoteClusterModule {
  /** The symbolic name (`module aks ...`). */
  readonly name: string;
  /** The reference as written, version included (`br/public:avm/res/container-service/managed-cluster:0.5.0`). */
  readonly path: string;
  readonly what: 'registry module' | 'template spec';
  readonly line: number;
}

type Cx = ExpressionContext & CompileOptions;

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const DEPLOYMENT_API = '2022-09-01';
/** `br:`, `br/<alias>:` registry modules and `ts:`, `ts/<alias>:` template specs. */
const REMOTE_MODULE = /^(br|ts)(\/[^:]*)?:/i;

const scalar = (value: string | number | boolean | null, line: number): JsonNode => ({
  kind: 'scalar',
  line,
  value,
});
const entry = (key: string, value: JsonNode, line = value.line): JsonEntry => ({ key, line, value });
const object = (line: number, entries: readonly JsonEntry[]): JsonObject => ({
  kind: 'object',
  line,
  entries,
});

/** A plain string as a template value: a leading `[` is escaped, as ARM would otherwise evaluate it. */
const literalString = (text: string, line: number): JsonNode =>
  scalar(text.startsWith('[') ? `[${text}` : text, line);

/** A Bicep value as a template value: objects and arrays keep their shape, other expressions become `"[...]"`. */
export function toJson(expr: Expr, cx: ExpressionContext): JsonNode {
  if (expr.kind === 'literal') return scalar(expr.value, expr.line);
  if (expr.kind === 'string' && expr.holes.length === 0) return literalString(expr.parts.join(''), expr.line);
  if (expr.kind === 'object') {
    const entries: JsonEntry[] = [];
    for (const item of expr.entries) {
      if (item.kind === 'property') entries.push(entry(item.key, toJson(item.value, cx), item.line));
    }
    return object(expr.line, entries);
  }
  if (expr.kind === 'array')
    return { kind: 'array', line: expr.line, items: expr.items.map((item) => toJson(item, cx)) };
  return scalar(`[${toArm(expr, cx)}]`, expr.line);
}

function splitType(type: string): { type: string; apiVersion: string } {
  const at = type.indexOf('@');
  return at === -1 ? { type, apiVersion: '' } : { type: type.slice(0, at), apiVersion: type.slice(at + 1) };
}

/** The parts of a resource or module body: its loop, its condition, and its object. */
interface Body {
  readonly loop?: Expr & { kind: 'for' };
  readonly condition?: Expr;
  readonly value?: Expr & { kind: 'object' };
}

function bodyOf(expr: Expr): Body {
  let loop: (Expr & { kind: 'for' }) | undefined;
  let inner = expr;
  if (inner.kind === 'for') {
    loop = inner;
    inner = inner.body;
  }
  let condition: Expr | undefined;
  if (inner.kind === 'if') {
    condition = inner.condition;
    inner = inner.body;
  }
  return {
    ...(loop ? { loop } : {}),
    ...(condition ? { condition } : {}),
    ...(inner.kind === 'object' ? { value: inner } : {}),
  };
}

const propertyOf = (value: Body['value'], key: string): ObjectProperty | undefined =>
  value?.entries.find((e): e is ObjectProperty => e.kind === 'property' && e.key === key);

interface Registered {
  readonly decl: ResourceDecl;
  readonly symbol: BicepSymbol & { kind: 'resource' };
  readonly key: string;
  readonly parentCondition?: Expr;
  readonly parentLoop?: Body['loop'];
}

/** The loop variables of a resource or module loop: the item is `source[copyIndex()]`, the index `copyIndex()`. */
function loopContext(loop: Body['loop'], cx: Cx): Cx {
  if (!loop) return cx;
  const symbols = new Map(cx.symbols);
  const source = toArm(loop.source, cx);
  if (loop.item !== undefined) symbols.set(loop.item, { kind: 'local', arm: `${source}[copyIndex()]` });
  if (loop.index !== undefined) symbols.set(loop.index, { kind: 'local', arm: 'copyIndex()' });
  return { ...cx, symbols };
}

/** Registers a resource and, depth first, its nested children; parents come before children. */
function registerResource(
  decl: ResourceDecl,
  cx: Cx,
  symbols: Map<string, BicepSymbol>,
  out: Registered[],
  parent?: Registered,
): void {
  const body = bodyOf(decl.body);
  const own = splitType(decl.type);
  const parentProperty = propertyOf(body.value, 'parent');
  const parentName = parentProperty?.value.kind === 'ident' ? parentProperty.value.name : undefined;
  const explicit = parentName === undefined ? undefined : symbols.get(parentName);
  const via = parent?.symbol ?? (explicit?.kind === 'resource' ? explicit : undefined);
  if (parentName !== undefined && via === undefined)
    cx.report(`parent ${parentName} of ${decl.name} is not a resource declared before it`, decl.line);
  const relative = parent !== undefined && !own.type.includes('.');
  const type = relative ? `${parent.symbol.type}/${own.type}` : own.type;
  const nameProperty = propertyOf(body.value, 'name');
  const inner = loopContext(body.loop ?? parent?.parentLoop, { ...cx, symbols });
  const name = nameProperty ? toArm(nameProperty.value, inner) : UNRESOLVED;
  const symbol: BicepSymbol & { kind: 'resource' } = {
    kind: 'resource',
    type,
    apiVersion: own.apiVersion || (parent?.symbol.apiVersion ?? ''),
    segments: [...(via?.segments ?? []), name],
    looped: body.loop !== undefined,
  };
  const key = parent ? `${parent.key}::${decl.name}` : decl.name;
  symbols.set(parent ? key : decl.name, symbol);
  const condition = [parent?.parentCondition, body.condition].filter((c): c is Expr => c !== undefined);
  const registered: Registered = {
    decl,
    symbol,
    key,
    ...(condition.length === 0
      ? {}
      : {
          parentCondition:
            condition.length === 1
              ? (condition[0] as Expr)
              : {
                  kind: 'binary',
                  op: '&&',
                  left: condition[0] as Expr,
                  right: condition[1] as Expr,
                  line: decl.line,
                },
        }),
    ...((body.loop ?? parent?.parentLoop) ? { parentLoop: body.loop ?? parent?.parentLoop } : {}),
  };
  out.push(registered);
  for (const item of body.value?.entries ?? []) {
    if (item.kind === 'resource') registerResource(item.decl, cx, symbols, out, registered);
  }
}

/** `scope: aks` as `bicep build` writes it: `Microsoft.ContainerService/managedClusters/<name>`. */
function scopeOf(expr: Expr, cx: Cx): JsonNode | undefined {
  if (expr.kind !== 'ident') return undefined;
  const symbol = cx.symbols.get(expr.name);
  if (symbol?.kind !== 'resource') return undefined;
  const [namespace, ...types] = symbol.type.split('/');
  const path = types.map((t, i) => `${t}/{${i}}`).join('/');
  return scalar(`[format('${namespace ?? ''}/${path}', ${symbol.segments.join(', ')})]`, expr.line);
}

const RESERVED = new Set(['name', 'parent', 'scope', 'dependsOn']);

function nameNode(segments: readonly string[], line: number): JsonNode {
  if (segments.length === 1) {
    const only = segments[0] ?? '';
    const literal = /^'((?:[^']|'')*)'$/.exec(only);
    if (literal) return literalString((literal[1] ?? '').replaceAll("''", "'"), line);
    return scalar(`[${only}]`, line);
  }
  const format = segments.map((_, i) => `{${i}}`).join('/');
  return scalar(`[format('${format}', ${segments.join(', ')})]`, line);
}

function loopEntries(loop: Body['loop'], name: string, cx: Cx): JsonEntry[] {
  if (!loop) return [];
  const count = scalar(`[length(${toArm(loop.source, cx)})]`, loop.line);
  return [entry('copy', object(loop.line, [entry('name', scalar(name, loop.line)), entry('count', count)]))];
}

function compileResource(resource: Registered, cx: Cx): JsonEntry {
  const { decl, symbol } = resource;
  const body = bodyOf(decl.body);
  const loop = body.loop ?? resource.parentLoop;
  const inner = loopContext(loop, cx);
  const entries: JsonEntry[] = [];
  if (resource.parentCondition)
    entries.push(entry('condition', scalar(`[${toArm(resource.parentCondition, inner)}]`, decl.line)));
  entries.push(...loopEntries(loop, resource.key, cx));
  if (decl.existing) entries.push(entry('existing', scalar(true, decl.line)));
  entries.push(entry('type', scalar(symbol.type, decl.line)));
  entries.push(entry('apiVersion', scalar(symbol.apiVersion, decl.line)));
  entries.push(entry('name', nameNode(symbol.segments, propertyOf(body.value, 'name')?.line ?? decl.line)));
  const scope = propertyOf(body.value, 'scope');
  const scopeNode = scope ? scopeOf(scope.value, inner) : undefined;
  if (scope && scopeNode) entries.push(entry('scope', scopeNode, scope.line));
  for (const item of body.value?.entries ?? []) {
    if (item.kind !== 'property' || RESERVED.has(item.key)) continue;
    entries.push(entry(item.key, toJson(item.value, inner), item.line));
  }
  if (!body.value) cx.report(`the body of ${decl.name} is not an object; not read`, decl.line);
  return entry(resource.key, object(decl.line, entries), decl.line);
}

function compileModule(decl: Declaration & { kind: 'module' }, cx: Cx): JsonEntry | undefined {
  const remote = REMOTE_MODULE.exec(decl.path);
  if (remote) {
    const what = remote[1]?.toLowerCase() === 'br' ? 'registry module' : 'template spec';
    if (cx.remoteCluster && AKS_MODULE.test(decl.path)) {
      cx.remoteCluster({ name: decl.name, path: decl.path, what, line: decl.line });
      cx.report(
        `module ${decl.name} is the ${what} ${decl.path}; aksward does not fetch modules, so the cluster it may deploy is not read: its controls are not assessed`,
        decl.line,
        'info',
        'unsupported-input',
      );
      return undefined;
    }
    cx.report(
      `module ${decl.name} is the ${what} ${decl.path}; not assessed: aksward does not fetch modules, so what it deploys is not read`,
      decl.line,
      'warning',
      'unsupported-input',
    );
    return undefined;
  }
  const template = cx.module(decl.path, decl.line);
  if (!template) return undefined;
  const body = bodyOf(decl.body);
  const inner = loopContext(body.loop, cx);
  const params = propertyOf(body.value, 'params');
  const supplied: JsonEntry[] = [];
  if (params?.value.kind === 'object') {
    for (const item of params.value.entries) {
      if (item.kind !== 'property') continue;
      supplied.push(
        entry(item.key, object(item.line, [entry('value', toJson(item.value, inner))]), item.line),
      );
    }
  } else if (params) {
    cx.report(`the params of module ${decl.name} are not an object literal; they are not read`, params.line);
  }
  const name = propertyOf(body.value, 'name');
  const entries: JsonEntry[] = [
    ...(body.condition ? [entry('condition', scalar(`[${toArm(body.condition, inner)}]`, decl.line))] : []),
    ...loopEntries(body.loop, decl.name, cx),
    entry('type', scalar('Microsoft.Resources/deployments', decl.line)),
    entry('apiVersion', scalar(DEPLOYMENT_API, decl.line)),
    entry('name', name ? toJson(name.value, inner) : scalar(decl.name, decl.line)),
    entry(
      'properties',
      object(decl.line, [
        entry('expressionEvaluationOptions', object(decl.line, [entry('scope', scalar('inner', decl.line))])),
        entry('mode', scalar('Incremental', decl.line)),
        entry('parameters', object(params?.line ?? decl.line, supplied)),
        entry('template', template),
      ]),
    ),
  ];
  return entry(decl.name, object(decl.line, entries));
}

const DECORATOR_KEYS: Readonly<Record<string, string>> = {
  allowed: 'allowedValues',
  minValue: 'minValue',
  maxValue: 'maxValue',
  minLength: 'minLength',
  maxLength: 'maxLength',
};

function compileParam(decl: Declaration & { kind: 'param' }, cx: Cx): JsonEntry {
  const secure = decl.decorators.some((d) => d.name === 'secure');
  const type = secure ? (decl.type === 'object' ? 'secureObject' : 'securestring') : decl.type;
  const entries: JsonEntry[] = [entry('type', scalar(type, decl.line))];
  if (decl.value) entries.push(entry('defaultValue', toJson(decl.value, cx)));
  for (const decorator of decl.decorators) entries.push(...decoratorEntries(decorator, cx));
  if (decl.decorators.some((d) => d.name === 'nullable'))
    entries.push(entry('nullable', scalar(true, decl.line)));
  return entry(decl.name, object(decl.line, entries), decl.line);
}

function decoratorEntries(decorator: Decorator, cx: Cx): JsonEntry[] {
  const [arg] = decorator.args;
  const key = DECORATOR_KEYS[decorator.name];
  if (key !== undefined && arg) return [entry(key, toJson(arg, cx))];
  if (decorator.name === 'description' && arg)
    return [entry('metadata', object(decorator.line, [entry('description', toJson(arg, cx))]))];
  return [];
}

function compileFunction(decl: Declaration & { kind: 'func' }, cx: Cx): JsonEntry {
  const symbols = new Map(cx.symbols);
  for (const param of decl.params)
    symbols.set(param, { kind: 'local', arm: `parameters('${param.replaceAll("'", "''")}')` });
  const output = scalar(`[${toArm(decl.body, { ...cx, symbols })}]`, decl.line);
  const parameters: JsonNode = {
    kind: 'array',
    line: decl.line,
    items: decl.params.map((p) => object(decl.line, [entry('name', scalar(p, decl.line))])),
  };
  return entry(
    decl.name,
    object(decl.line, [
      entry('parameters', parameters),
      entry('output', object(decl.line, [entry('value', output)])),
    ]),
  );
}

/** Every name a file declares, for the expressions that use them (Bicep allows use before declaration). */
function declareSymbols(declarations: readonly Declaration[], symbols: Map<string, BicepSymbol>): void {
  for (const decl of declarations) {
    if (decl.kind === 'param') symbols.set(decl.name, { kind: 'param' });
    else if (decl.kind === 'var') symbols.set(decl.name, { kind: 'var' });
    else if (decl.kind === 'func') symbols.set(decl.name, { kind: 'func' });
    else if (decl.kind === 'module') symbols.set(decl.name, { kind: 'module', name: `'${decl.name}'` });
  }
}

/** Compiles one Bicep file (already parsed) into a template tree tagged with `file`. */
export function compileBicep(
  declarations: readonly Declaration[],
  file: string,
  options: CompileOptions,
): JsonObject {
  const symbols = new Map<string, BicepSymbol>();
  declareSymbols(declarations, symbols);
  const cx: Cx = { ...options, symbols, counter: { next: 0 } };
  const registered: Registered[] = [];
  for (const decl of declarations)
    if (decl.kind === 'resource') registerResource(decl, cx, symbols, registered);
  const sections = {
    parameters: [] as JsonEntry[],
    variables: [] as JsonEntry[],
    functions: [] as JsonEntry[],
  };
  const resources: JsonEntry[] = [];
  const outputs: JsonEntry[] = [];
  for (const decl of declarations) {
    switch (decl.kind) {
      case 'param':
        sections.parameters.push(compileParam(decl, cx));
        break;
      case 'var':
        sections.variables.push(entry(decl.name, toJson(decl.value, cx), decl.line));
        break;
      case 'func':
        sections.functions.push(compileFunction(decl, cx));
        break;
      case 'module': {
        const compiled = compileModule(decl, cx);
        if (compiled) resources.push(compiled);
        break;
      }
      case 'output':
        outputs.push(
          entry(
            decl.name,
            object(decl.line, [
              entry('type', scalar(decl.type, decl.line)),
              entry('value', toJson(decl.value, cx)),
            ]),
            decl.line,
          ),
        );
        break;
      case 'using':
        cx.report('`using` belongs in a .bicepparam file', decl.line);
        break;
      case 'resource':
      case 'targetScope':
      case 'other':
        break;
    }
  }
  for (const resource of registered) resources.push(compileResource(resource, cx));
  const functions: JsonNode = {
    kind: 'array',
    line: 1,
    items:
      sections.functions.length === 0
        ? []
        : [
            object(1, [
              entry('namespace', scalar('__bicep', 1)),
              entry('members', object(1, sections.functions)),
            ]),
          ],
  };
  return {
    kind: 'object',
    line: 1,
    file,
    entries: [
      entry('$schema', scalar(SCHEMA, 1)),
      entry('languageVersion', scalar('2.0', 1)),
      entry('contentVersion', scalar('1.0.0.0', 1)),
      entry('parameters', object(1, sections.parameters)),
      entry('variables', object(1, sections.variables)),
      entry('functions', functions),
      entry('resources', object(1, resources)),
      entry('outputs', object(1, outputs)),
    ],
  };
}
