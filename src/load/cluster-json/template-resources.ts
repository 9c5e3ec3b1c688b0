/** @module Flattens an ARM template's resources (nested children, languageVersion 2.0 objects, inline nested deployments). */
import type { ArmScope } from './arm-evaluator.js';
import { resolveValue } from './arm-evaluator.js';
import type { Evaluation } from './arm-value.js';
import { undecidable } from './arm-value.js';
import type { JsonNode, JsonObject } from './json-tree.js';
import { getNode, getString, toPlain } from './json-tree.js';
import type { ValueReader } from './resource-view.js';
import type { SuppliedParameter } from './template-scope.js';
import { createTemplateScope } from './template-scope.js';
import { linkKey, localLink } from './linked-templates.js';

export interface TemplateResource {
  readonly node: JsonObject;
  /** Reads this resource's values in the scope of the template that declares it. */
  readonly reader: ValueReader & { readonly scope: ArmScope };
  /** The full type (`Microsoft.ContainerService/managedClusters/agentPools`), joined for nested children. */
  readonly type: string;
  /** The full name (`aks/system`), evaluated symbolically: an undecided part stands as its own expression. */
  readonly name: string;
  /** The languageVersion 2.0 symbolic name, when `resources` is an object. */
  readonly symbol?: string;
  /** Which template (top level, or a nested deployment's) declares it: symbolic names are per template. */
  readonly template: string;
  /** The evaluated `scope` of an extension resource. */
  readonly scope?: string;
  /** Deployed by a `copy` loop (its own, or an enclosing resource's or deployment's). */
  readonly copy: boolean;
  /** An `existing` reference (languageVersion 2.0): not a definition. */
  readonly existing: boolean;
  /** Why its `condition` (or an enclosing one) cannot be decided; undefined when it is certainly deployed. */
  readonly uncertain?: string;
}

interface Enclosing {
  readonly template: string;
  readonly type?: string;
  readonly name?: string;
  readonly copy: boolean;
  readonly uncertain?: string;
  readonly depth: number;
}

/** Nested deployments deeper than this are not followed (Bicep modules rarely nest beyond a few levels). */
const MAX_DEPLOYMENT_DEPTH = 8;
const DEPLOYMENTS = 'microsoft.resources/deployments';

/** A nested child's `type` is relative (`agentPools`) unless it starts with a namespace (`Microsoft.X/...`). */
const isRelativeType = (type: string): boolean => !(type.split('/')[0] ?? '').includes('.');

function symbolic(node: JsonNode | undefined, reader: TemplateResource['reader']): string | undefined {
  if (node === undefined) return undefined;
  const result = resolveValue(toPlain(node), reader.scope, true);
  return result.ok && typeof result.value === 'string' ? result.value : undefined;
}

/** `true`, `false`, or why the condition cannot be decided (reported once, the resource then loads). */
function decideCondition(
  node: JsonObject,
  label: string,
  reader: TemplateResource['reader'],
): boolean | string {
  const condition = getNode(node, 'condition');
  if (condition === undefined) return true;
  const result = resolveValue(toPlain(condition), reader.scope);
  if (result.ok && typeof result.value === 'boolean') return result.value;
  const reason = result.ok ? 'the condition is not a boolean' : result.reason;
  const message = `condition of ${label} cannot be decided (${reason}); it is read as if deployed`;
  reader.report({ code: 'unresolved-value', undecidable: true, message, line: condition.line });
  return `its condition cannot be decided (${reason})`;
}

function resourceEntries(
  container: JsonNode,
  prefix: string,
  reader: ValueReader,
): [string, JsonNode, string?][] {
  const resources = getNode(container, 'resources');
  if (resources === undefined) return [];
  if (resources.kind === 'array') return resources.items.map((item, i) => [`${prefix}resources[${i}]`, item]);
  if (resources.kind === 'object')
    return resources.entries.map((e) => [`${prefix}resources.${e.key}`, e.value, e.key]);
  const message = `${prefix}resources is not an array or an object`;
  reader.report({ code: 'wrong-type', undecidable: false, message, line: resources.line });
  return [];
}

/** Reads one resource object; undefined when it is certainly not deployed or has no type. */
function readResource(
  node: JsonObject,
  label: string,
  symbol: string | undefined,
  reader: TemplateResource['reader'],
  enclosing: Enclosing,
): TemplateResource | undefined {
  const condition = decideCondition(node, label, reader);
  if (condition === false) return undefined;
  const rawType = getString(node, 'type');
  if (rawType === undefined) {
    reader.report({
      code: 'wrong-type',
      undecidable: false,
      message: `${label} has no type`,
      line: node.line,
    });
    return undefined;
  }
  const relative = enclosing.type !== undefined && isRelativeType(rawType);
  const ownName = symbolic(getNode(node, 'name'), reader) ?? `[${label}]`;
  const scope = symbolic(getNode(node, 'scope'), reader);
  const uncertain = enclosing.uncertain ?? (typeof condition === 'string' ? condition : undefined);
  const existing = getNode(node, 'existing');
  return {
    node,
    reader,
    template: enclosing.template,
    type: relative ? `${enclosing.type ?? ''}/${rawType}` : rawType,
    name: relative && enclosing.name !== undefined ? `${enclosing.name}/${ownName}` : ownName,
    copy: enclosing.copy || getNode(node, 'copy') !== undefined,
    existing: existing?.kind === 'scalar' && existing.value === true,
    ...(symbol === undefined ? {} : { symbol }),
    ...(scope === undefined ? {} : { scope }),
    ...(uncertain === undefined ? {} : { uncertain }),
  };
}

/** Collects the resources of `container` (a template, or a resource with nested `resources`) into `out`. */
export function collectResources(
  container: JsonNode,
  prefix: string,
  reader: TemplateResource['reader'],
  out: TemplateResource[],
  enclosing: Enclosing = { template: '', copy: false, depth: 0 },
): void {
  for (const [label, node, symbol] of resourceEntries(container, prefix, reader)) {
    if (node.kind !== 'object') {
      reader.report({
        code: 'wrong-type',
        undecidable: false,
        message: `${label} is not an object`,
        line: node.line,
      });
      continue;
    }
    const resource = readResource(node, label, symbol, reader, enclosing);
    if (!resource) continue;
    out.push(resource);
    const { type, name, copy, uncertain } = resource;
    const inner: Enclosing = {
      ...enclosing,
      type,
      name,
      copy,
      ...(uncertain === undefined ? {} : { uncertain }),
    };
    collectResources(node, `${label}.`, reader, out, inner);
    if (type.toLowerCase() === DEPLOYMENTS) collectDeployment(node, label, reader, out, inner);
  }
}

/** A supplied parameter of a nested deployment: its `value`, evaluated in the outer template. */
function supplier(entry: JsonNode, outer: ArmScope, name: string): SuppliedParameter {
  const value = getNode(entry, 'value');
  return (symbolicMode): Evaluation =>
    value === undefined
      ? undecidable(`parameter ${name} comes from a Key Vault reference or is not given a value`)
      : resolveValue(toPlain(value), outer, symbolicMode);
}

/** A link shown without its query string, which may hold a SAS token. */
const describeLink = (link: string): string =>
  link.startsWith('[') ? 'a computed URI' : link.replace(/[?#].*$/, '');

/**
 * The template a deployment's `templateLink` names, when it is a local file read beforehand; else a
 * diagnostic (a remote or computed link is not assessed) and undefined.
 */
function linkedTemplate(
  node: JsonObject,
  label: string,
  reader: TemplateResource['reader'],
): JsonObject | undefined {
  const link = getNode(getNode(node, 'properties'), 'templateLink');
  if (link === undefined) return undefined;
  const target = getString(link, 'relativePath') ?? getString(link, 'uri');
  const found = target === undefined ? undefined : reader.linked?.get(linkKey(reader.file, target));
  if (found) return found;
  const local = target === undefined ? undefined : localLink(target);
  const message =
    target === undefined
      ? `${label} links to a template without relativePath or uri; not assessed`
      : local === undefined
        ? `${label} links to ${describeLink(target)}, which is not a local file; not assessed: what it deploys is not read`
        : `${label} links to ${describeLink(target)}, which could not be read; not assessed`;
  reader.report({ code: 'unresolved-value', undecidable: true, message, line: node.line }, 'warning');
  return undefined;
}

/**
 * An inline nested deployment (what a Bicep module compiles to). With `expressionEvaluationOptions.scope`
 * `inner` (Bicep's choice) its template has its own parameters, given by the deployment; with the
 * default `outer` scope, its expressions read the enclosing template's parameters and variables.
 */
function collectDeployment(
  node: JsonObject,
  label: string,
  reader: TemplateResource['reader'],
  out: TemplateResource[],
  enclosing: Enclosing,
): void {
  const properties = getNode(node, 'properties');
  const inline = getNode(properties, 'template');
  const template = inline?.kind === 'object' ? inline : linkedTemplate(node, label, reader);
  if (template === undefined) return;
  if (enclosing.depth >= MAX_DEPLOYMENT_DEPTH) {
    const message = `${label} is a nested deployment deeper than ${MAX_DEPLOYMENT_DEPTH} levels; its template is not read`;
    reader.report({ code: 'limit-exceeded', undecidable: true, message, line: node.line }, 'error');
    return;
  }
  const options = getString(getNode(properties, 'expressionEvaluationOptions'), 'scope');
  let scope = reader.scope;
  // A linked template always has its own parameters and variables.
  if (options?.toLowerCase() === 'inner' || template !== inline) {
    const supplied = new Map<string, SuppliedParameter>();
    const given = getNode(properties, 'parameters');
    if (given?.kind === 'object') {
      for (const entry of given.entries)
        supplied.set(entry.key.toLowerCase(), supplier(entry.value, reader.scope, entry.key));
    }
    scope = createTemplateScope(template, supplied);
  }
  const { copy, uncertain, depth } = enclosing;
  const prefix = `${label}.properties.template.`;
  const file = template.file;
  const own = file !== undefined && reader.reporterFor ? { file, report: reader.reporterFor(file) } : {};
  const inner: Enclosing = {
    template: prefix,
    copy,
    depth: depth + 1,
    ...(uncertain === undefined ? {} : { uncertain }),
  };
  collectResources(template, prefix, { ...reader, ...own, scope }, out, inner);
}
