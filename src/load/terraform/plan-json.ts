/** @module Resources of `terraform show -json`: a plan or a state, in Terraform's JSON output format 1.x. */
// A plan has `planned_values`, `resource_changes[].change.after_unknown` and `configuration`; a state
// has `values`. Unknown values are left out of `planned_values` and marked `true` in `after_unknown`.
import type { LoadSink } from '../load-sink.js';
import { jsonLocator, type JsonLocator, type JsonPath } from './json-locator.js';
import { planView } from './plan-view.js';
import { isRecord, type TfReference, type TfResource } from './tf-resource.js';

interface ConfigModule {
  /** Module-relative address (`azurerm_monitor_diagnostic_setting.aks`) → attribute → references. */
  readonly resources: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  readonly outputs: ReadonlyMap<string, unknown>;
  /** The module's variables declared `sensitive = true`. */
  readonly sensitiveVariables: ReadonlySet<string>;
}

interface Placed {
  readonly resource: TfResource;
  /** The module instance (`module.aks[0]`); '' for the root. */
  readonly moduleAddress: string;
  /** The module's address without instance keys (`module.aks`), as `configuration` names it. */
  readonly moduleKey: string;
  /** `type.name`, relative to its module, as `configuration` references name it. */
  readonly local: string;
}

const PLAN_KEYS = ['planned_values', 'values', 'resource_changes', 'configuration', 'prior_state'];

export function isTerraformShowJson(value: unknown): boolean {
  if (!isRecord(value) || typeof value.format_version !== 'string') return false;
  return typeof value.terraform_version === 'string' || PLAN_KEYS.some((key) => key in value);
}

/**
 * The address without its instance keys (`module.a["x"].module.b[0]` → `module.a.module.b`): each `[`
 * up to the next `]`. A loop, since the pattern `\[[^\]]*\]` rescans to the end from every `[` of a
 * text with no `]` (quadratic).
 */
function moduleKeyOf(address: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = address.indexOf('[', from);
    const close = open < 0 ? -1 : address.indexOf(']', open);
    if (close < 0) return out + address.slice(from);
    out += address.slice(from, open);
    from = close + 1;
  }
}
const joinModule = (parent: string, child: string): string => (parent === '' ? child : `${parent}.${child}`);

function collectConfig(module: unknown, key: string, out: Map<string, ConfigModule>): void {
  if (!isRecord(module)) return;
  const resources = new Map<string, Record<string, unknown>>();
  for (const r of Array.isArray(module.resources) ? module.resources : []) {
    if (isRecord(r) && typeof r.address === 'string' && isRecord(r.expressions))
      resources.set(r.address, r.expressions);
  }
  const outputs = new Map<string, unknown>();
  for (const [name, output] of Object.entries(isRecord(module.outputs) ? module.outputs : {})) {
    if (isRecord(output)) outputs.set(name, output.expression);
  }
  const sensitiveVariables = new Set<string>();
  for (const [name, variable] of Object.entries(isRecord(module.variables) ? module.variables : {})) {
    if (isRecord(variable) && variable.sensitive === true) sensitiveVariables.add(name);
  }
  out.set(key, { resources, outputs, sensitiveVariables });
  for (const [name, call] of Object.entries(isRecord(module.module_calls) ? module.module_calls : {})) {
    if (isRecord(call)) collectConfig(call.module, joinModule(key, `module.${name}`), out);
  }
}

function referencesOf(expression: unknown): string[] {
  if (!isRecord(expression) || !Array.isArray(expression.references)) return [];
  return expression.references.filter((r): r is string => typeof r === 'string');
}

const refersTo = (reference: string, local: string): boolean =>
  reference === local || reference.startsWith(`${local}.`) || reference.startsWith(`${local}[`);

/** A reference Terraform resolves to a resource or data source (rather than a variable, local or module output). */
const isResourceReference = (reference: string): boolean =>
  !/^(?:var|local|module|each|count|path|terraform|self)\./.test(reference);

interface PlanIndex {
  readonly configs: ReadonlyMap<string, ConfigModule>;
  readonly placed: Map<TfResource, Placed>;
}

/** Whether `source.attribute` refers to `target`: through `configuration` references, else by equal id values. */
function planReference(source: Placed, attribute: string, target: TfResource, index: PlanIndex): TfReference {
  const mine = source.resource.view.attr([attribute]);
  const theirs = target.view.attr(['id']);
  if (mine.kind === 'value' && theirs.kind === 'value' && typeof mine.value === 'string') {
    if (typeof theirs.value === 'string' && mine.value.toLowerCase() === theirs.value.toLowerCase())
      return true;
  }
  const to = index.placed.get(target);
  const config = index.configs.get(source.moduleKey);
  const references = referencesOf(config?.resources.get(source.local)?.[attribute]);
  // A module-relative reference names a resource of the same module instance.
  if (to && to.moduleAddress === source.moduleAddress && references.some((r) => refersTo(r, to.local)))
    return true;
  for (const reference of references) {
    const output = /^module\.([\w-]+)\.([\w-]+)/.exec(reference);
    if (!to || !output) continue;
    const child = joinModule(source.moduleKey, `module.${output[1] ?? ''}`);
    const through = referencesOf(index.configs.get(child)?.outputs.get(output[2] ?? ''));
    if (to.moduleKey === child && through.some((r) => refersTo(r, to.local))) return true;
  }
  if (mine.kind !== 'unknown' || references.some(isResourceReference)) return false;
  return { unknown: `${attribute} is known only after apply, and the plan does not say what it refers to` };
}

interface Found {
  readonly json: Record<string, unknown>;
  readonly path: JsonPath;
  /** `module.aks[0]`; '' for the root module. */
  readonly moduleAddress: string;
}

interface Change {
  readonly marks: unknown;
  readonly path: JsonPath;
  /** `after_sensitive` and `before_sensitive`. */
  readonly sensitive: readonly unknown[];
}

type Changes = ReadonlyMap<string, Change>;

function collectPlanned(module: unknown, path: JsonPath, types: ReadonlySet<string>, out: Found[]): void {
  if (!isRecord(module)) return;
  const moduleAddress = typeof module.address === 'string' ? module.address : '';
  const resources: unknown[] = Array.isArray(module.resources) ? module.resources : [];
  for (const [i, r] of resources.entries()) {
    if (!isRecord(r) || r.mode === 'data' || typeof r.type !== 'string' || !types.has(r.type)) continue;
    out.push({ json: r, path: [...path, 'resources', i], moduleAddress });
  }
  const children: unknown[] = Array.isArray(module.child_modules) ? module.child_modules : [];
  for (const [i, child] of children.entries())
    collectPlanned(child, [...path, 'child_modules', i], types, out);
}

function changesByAddress(root: Record<string, unknown>): Changes {
  const out = new Map<string, Change>();
  const changes: unknown[] = Array.isArray(root.resource_changes) ? root.resource_changes : [];
  for (const [i, rc] of changes.entries()) {
    if (!isRecord(rc) || typeof rc.address !== 'string' || !isRecord(rc.change)) continue;
    out.set(rc.address, {
      marks: rc.change.after_unknown,
      path: ['resource_changes', i, 'change', 'after_unknown'],
      sensitive: [rc.change.after_sensitive, rc.change.before_sensitive],
    });
  }
  return out;
}

function toResource(found: Found, changes: Changes, locate: JsonLocator, index: PlanIndex): void {
  const { json, path } = found;
  const type = typeof json.type === 'string' ? json.type : '';
  const name = typeof json.name === 'string' ? json.name : '';
  const address = typeof json.address === 'string' ? json.address : `${type}.${name}`;
  const change = changes.get(address);
  const moduleKey = moduleKeyOf(found.moduleAddress);
  const local = `${type}.${name}`;
  const config = index.configs.get(moduleKey);
  const view = planView(
    {
      values: json.values,
      afterUnknown: change?.marks,
      // A state has only `sensitive_values`; a plan has them too, and the change's marks.
      sensitive: [json.sensitive_values, ...(change?.sensitive ?? [])],
      expressions: config?.resources.get(local),
      sensitiveVariables: config?.sensitiveVariables ?? new Set(),
      valuesPath: [...path, 'values'],
      unknownPath: change?.path,
    },
    locate,
  );
  const placed: Placed = {
    moduleAddress: found.moduleAddress,
    moduleKey,
    local,
    resource: {
      type,
      name,
      address,
      at: locate([...path, 'address']).at,
      view,
      references: (attribute, target) => planReference(placed, attribute, target, index),
    },
  };
  index.placed.set(placed.resource, placed);
}

/**
 * The managed resources of the given types in a plan (planned values) or a state (values); undefined
 * when the text is not JSON.
 */
export function readPlanResources(
  text: string,
  file: string,
  types: ReadonlySet<string>,
  sink: LoadSink,
): TfResource[] | undefined {
  let root: unknown;
  try {
    root = JSON.parse(text) as unknown;
  } catch {
    // The parser's message quotes the text, which may hold secrets: say only what failed.
    sink.addDiagnostic({
      code: 'parse-error',
      level: 'error',
      message: 'invalid JSON in a Terraform plan',
      file,
    });
    return undefined;
  }
  if (!isRecord(root)) return [];
  const configs = new Map<string, ConfigModule>();
  if (isRecord(root.configuration)) collectConfig(root.configuration.root_module, '', configs);
  const found: Found[] = [];
  const planned = isRecord(root.planned_values) ? 'planned_values' : 'values';
  const values = root[planned];
  if (isRecord(values)) collectPlanned(values.root_module, [planned, 'root_module'], types, found);
  const changes = changesByAddress(root);
  const index: PlanIndex = { configs, placed: new Map() };
  const locate = jsonLocator(text, file);
  for (const entry of found) toResource(entry, changes, locate, index);
  return [...index.placed.keys()];
}
