/** @module Defensive readers for decoded manifests: any field may hold any type. */
import type { JsonObject } from './kube-object.js';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, key: string): JsonObject | undefined {
  if (!isObject(value)) return undefined;
  const child = value[key];
  return isObject(child) ? child : undefined;
}

export function arrayAt(value: unknown, key: string): readonly unknown[] {
  if (!isObject(value)) return [];
  const child = value[key];
  return Array.isArray(child) ? child : [];
}

export function stringAt(value: unknown, key: string): string | undefined {
  if (!isObject(value)) return undefined;
  const child = value[key];
  return typeof child === 'string' ? child : undefined;
}

export function booleanAt(value: unknown, key: string): boolean | undefined {
  if (!isObject(value)) return undefined;
  const child = value[key];
  return typeof child === 'boolean' ? child : undefined;
}

export function numberAt(value: unknown, key: string): number | undefined {
  if (!isObject(value)) return undefined;
  const child = value[key];
  return typeof child === 'number' && Number.isFinite(child) ? child : undefined;
}

/** A `map[string]string` (labels, nodeSelector); entries of other types are dropped. */
export function stringMapAt(value: unknown, key: string): Readonly<Record<string, string>> {
  const child = objectAt(value, key);
  if (!child) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(child)) if (typeof v === 'string') out[k] = v;
  return out;
}
