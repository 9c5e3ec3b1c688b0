/** @module What both Terraform inputs (an HCL module, `terraform show -json`) give of one resource, in azurerm vocabulary. */
import type { SourceLocation } from '../../model/index.js';

/** One read: Terraform treats `null` as "omitted", so a null value reads as absent. */
export type TfRead =
  | { readonly kind: 'absent' }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'unknown'; readonly reason: string };

/** The instances of a nested block, or why they cannot be listed (a `dynamic` block over an unknown collection). */
export type TfBlocks = readonly TfView[] | { readonly unknown: string };

/**
 * A resource body (or one nested block instance). Paths are azurerm attribute names; nested blocks on
 * the way are entered at their first instance, as every block the loader reads through is single.
 */
export interface TfView {
  /** The value of an attribute. */
  attr(path: readonly string[]): TfRead;
  /** Whether a nested block is present: `{ kind: 'value', value: true }`, absent, or unknown. */
  block(path: readonly string[]): TfRead;
  /** Every instance of a nested block directly in this body. */
  blocks(name: string): TfBlocks;
  /** The line of the deepest part of `path` the input has: the attribute, else its block, else the resource. */
  locate(path: readonly string[]): SourceLocation;
}

/** Whether one resource's id attribute points at another: `unknown` when the input cannot say. */
export type TfReference = boolean | { readonly unknown: string };

export interface TfResource {
  readonly type: string;
  /** The local name (`main` in `azurerm_kubernetes_cluster.main`). */
  readonly name: string;
  /** The full address (`module.aks.azurerm_kubernetes_cluster.main[0]`), used as the display name. */
  readonly address: string;
  readonly at: SourceLocation;
  readonly view: TfView;
  /** `count` or `for_each` on an HCL resource: it is loaded once, as one definition of every instance. */
  readonly repetition?: 'count' | 'for_each';
  /** Does `attribute` (an id such as `kubernetes_cluster_id`) refer to `target`? */
  references(attribute: string, target: TfResource): TfReference;
}

export function valueRead(value: unknown): TfRead {
  return value === null || value === undefined ? { kind: 'absent' } : { kind: 'value', value };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
