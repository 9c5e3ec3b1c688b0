/** @module The `parameters()` and `variables()` of one ARM template, resolved lazily, once, and without cycles. */
import type { ArmScope, UserFunction } from './arm-evaluator.js';
import { resolveValue } from './arm-evaluator.js';
import type { Evaluation } from './arm-value.js';
import { invalid, undecidable } from './arm-value.js';
import type { JsonEntry, JsonNode } from './json-tree.js';
import { findEntry, getNode, getString, toPlain } from './json-tree.js';

/** A value given to a nested deployment's parameter, evaluated in the outer template. */
export type SuppliedParameter = (symbolic: boolean) => Evaluation;

/** More nested parameter/variable references than this is a hostile template, not a cluster definition. */
const MAX_ACTIVE = 64;

/** ARM's secure types (Bicep `@secure()` compiles to them): their values are secrets, never settings. */
const SECURE_TYPES = new Set(['securestring', 'secureobject']);

/** Why a value read through a secure parameter stays unknown: its default is a secret aksward never reads. */
export const secureParameterReason = (name: string): string =>
  `comes from the secure parameter ${name}; aksward does not read secure values`;

function isSecure(declaration: JsonNode): boolean {
  const type = getString(declaration, 'type');
  return type !== undefined && SECURE_TYPES.has(type.toLowerCase());
}

function entriesOf(node: JsonNode | undefined): Map<string, JsonEntry> {
  const map = new Map<string, JsonEntry>();
  if (node?.kind === 'object') for (const entry of node.entries) map.set(entry.key.toLowerCase(), entry);
  return map;
}

/** Variable names declared by a variables `copy` array: their values need the loop, so they stay undecided. */
function copyVariables(variables: Map<string, JsonEntry>): Set<string> {
  const names = new Set<string>();
  const copy = variables.get('copy')?.value;
  if (copy?.kind !== 'array') return names;
  for (const loop of copy.items) {
    const name = getNode(loop, 'name');
    if (name?.kind === 'scalar' && typeof name.value === 'string') names.add(name.value.toLowerCase());
  }
  return names;
}

/**
 * The `functions` section: `[{namespace, members: {name: {parameters: [{name}], output: {value}}}}]`
 * (Bicep's `func` compiles to the `__bicep` namespace), keyed by lower-case `namespace.member`.
 */
function userFunctions(node: JsonNode | undefined): Map<string, UserFunction> {
  const functions = new Map<string, UserFunction>();
  if (node?.kind !== 'array') return functions;
  for (const group of node.items) {
    const namespace = getString(group, 'namespace');
    const members = getNode(group, 'members');
    if (namespace === undefined || members?.kind !== 'object') continue;
    for (const member of members.entries) {
      const declared = getNode(member.value, 'parameters');
      const parameters =
        declared?.kind === 'array' ? declared.items.map((p) => getString(p, 'name') ?? '') : [];
      const output = getNode(getNode(member.value, 'output'), 'value');
      if (output === undefined) continue;
      const name = `${namespace}.${member.key}`;
      functions.set(name.toLowerCase(), { name, parameters, output: toPlain(output) });
    }
  }
  return functions;
}

type Memo = (key: string, label: string, compute: () => Evaluation) => Evaluation;

/** Computes each parameter and variable once; a reference back to one being computed is a cycle. */
function createMemo(): Memo {
  const cache = new Map<string, Evaluation>();
  const active = new Set<string>();
  return (key, label, compute) => {
    const cached = cache.get(key);
    if (cached) return cached;
    if (active.has(key)) return invalid(`${label} refers to itself`);
    if (active.size >= MAX_ACTIVE) return invalid('parameters and variables nest too deeply');
    active.add(key);
    const result = compute();
    active.delete(key);
    cache.set(key, result);
    return result;
  };
}

/**
 * Builds the scope of `template`. `supplied` holds a nested deployment's parameter values (inner scope);
 * a parameter with neither a supplied value nor a `defaultValue` cannot be decided offline, and a
 * `securestring`/`secureObject` parameter is never decided, whatever its default or supplied value.
 */
export function createTemplateScope(
  template: JsonNode,
  supplied?: ReadonlyMap<string, SuppliedParameter>,
): ArmScope {
  const parameters = entriesOf(getNode(template, 'parameters'));
  const variables = entriesOf(getNode(template, 'variables'));
  const loops = copyVariables(variables);
  const functions = userFunctions(getNode(template, 'functions'));
  const memo = createMemo();

  const scope: ArmScope = {
    parameter(name, symbolic) {
      const lower = name.toLowerCase();
      const entry = parameters.get(lower);
      if (!entry) return invalid(`parameter ${name} is not declared`);
      // Checked before any supplied value or default is evaluated: the secret is never computed.
      if (isSecure(entry.value)) return undecidable(secureParameterReason(entry.key));
      return memo(`p:${String(symbolic)}:${lower}`, `parameter ${entry.key}`, () => {
        const given = supplied?.get(lower);
        if (given) return given(symbolic);
        const fallback = entry.value.kind === 'object' ? findEntry(entry.value, 'defaultValue') : undefined;
        if (!fallback) return undecidable(`parameter ${entry.key} has no default value`);
        return resolveValue(toPlain(fallback.value), scope, symbolic);
      });
    },
    variable(name, symbolic) {
      const lower = name.toLowerCase();
      if (loops.has(lower)) return undecidable(`variable ${name} is built by a copy loop`);
      const entry = lower === 'copy' ? undefined : variables.get(lower);
      if (!entry) return invalid(`variable ${name} is not declared`);
      return memo(`v:${String(symbolic)}:${lower}`, `variable ${entry.key}`, () =>
        resolveValue(toPlain(entry.value), scope, symbolic),
      );
    },
    userFunction: (name) => functions.get(name.toLowerCase()),
  };
  return scope;
}
