/** @module Small helpers that turn `TfView` reads into the normaliser's `Lookup`s, at the attribute's line. */
import type { Lookup } from '../normalize/cluster-source.js';
import type { TfView } from './tf-resource.js';

export type Attribute = readonly string[];

/** How findings name a value: `network_profile.network_policy`, or with a resource prefix for other resources. */
export const display = (prefix: string, attribute: Attribute): string =>
  [prefix, ...attribute].filter((s) => s !== '').join('.');

/** The attribute as the input states it (or why it cannot be read); undefined when absent. */
export function stated(
  view: TfView,
  attribute: Attribute,
  prefix = '',
  translate: (value: unknown) => unknown = (v) => v,
): Lookup | undefined {
  const read = view.attr(attribute);
  const at = view.locate(attribute);
  const path = display(prefix, attribute);
  if (read.kind === 'absent') return undefined;
  if (read.kind === 'unknown') return { kind: 'unknown', reason: read.reason, at, path };
  return { kind: 'value', value: translate(read.value), at, path };
}

/** A nested block whose presence is the setting (`oms_agent {}` = the add-on is on). */
export function present(view: TfView, block: Attribute, prefix = ''): Lookup | undefined {
  const read = view.block(block);
  const at = view.locate(block);
  const path = display(prefix, block);
  if (read.kind === 'absent') return undefined;
  if (read.kind === 'unknown') return { kind: 'unknown', reason: read.reason, at, path };
  return { kind: 'value', value: true, at, path };
}

export function absent(view: TfView, attribute: Attribute, prefix = ''): Lookup {
  return { kind: 'absent', at: view.locate(attribute), path: display(prefix, attribute) };
}

/**
 * The value azurerm sends when the attribute is omitted, where the provider documents one
 * (hashicorp/terraform-provider-azurerm `website/docs/r/kubernetes_cluster.html.markdown`).
 */
export function providerDefault(view: TfView, attribute: Attribute, value: unknown, prefix = ''): Lookup {
  return {
    kind: 'default',
    value,
    basis: 'azurerm provider default',
    at: view.locate(attribute),
    path: display(prefix, attribute),
  };
}

export function unknownLookup(view: TfView, attribute: Attribute, reason: string, prefix = ''): Lookup {
  return { kind: 'unknown', reason, at: view.locate(attribute), path: display(prefix, attribute) };
}

/** `true`/`"true"` → false and back: for azurerm `*_enabled` flags that ARM states as `disable*`. */
export function negate(value: unknown): unknown {
  if (value === true || value === 'true') return false;
  if (value === false || value === 'false') return true;
  return value;
}

/** The `name` attribute when it resolves to a string, else `fallback` (what the module calls the resource). */
export function literalName(view: TfView, fallback: string): string {
  const name = view.attr(['name']);
  return name.kind === 'value' && typeof name.value === 'string' ? name.value : fallback;
}
