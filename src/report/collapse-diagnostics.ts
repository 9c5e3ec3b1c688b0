/**
 * @module Duplicate-object notices, one line per pair of files: a repository with alternative installs of
 * the same app defines hundreds of objects twice, and one line per object buries everything else.
 */
import type { Diagnostic } from '../load/diagnostics.js';

/** Objects named per line before the rest are only counted. */
const NAMED = 3;

/** `Deployment/shop/web (apps/v1) is defined again (first at a.yaml:3); both are kept` → its parts. */
function parseDuplicate(message: string): { object: string; first: string } | undefined {
  const match = /^(.*?) \([^()]*\) is defined again \(first at (.*):\d+\)/.exec(message);
  return match?.[1] === undefined || match[2] === undefined
    ? undefined
    : { object: match[1], first: match[2] };
}

/**
 * The diagnostics with every `duplicate-object` warning of one file pair folded into the first one:
 * "12 objects also defined in a.yaml (first there): Deployment/shop/web, … +9 more; both are kept".
 * A single duplicate, and every other diagnostic, is kept as it is, in its place.
 */
export function collapseDuplicates<
  T extends Pick<Diagnostic, 'message' | 'file'> & { readonly code?: string },
>(diagnostics: readonly T[]): T[] {
  const groups = new Map<string, { at: number; objects: string[]; first: string }>();
  const out: (T | undefined)[] = [];
  for (const d of diagnostics) {
    const parsed = d.code === 'duplicate-object' ? parseDuplicate(d.message) : undefined;
    if (parsed === undefined) {
      out.push(d);
      continue;
    }
    const key = JSON.stringify([d.file, parsed.first]);
    const group = groups.get(key);
    if (group) group.objects.push(parsed.object);
    else groups.set(key, { at: out.length, objects: [parsed.object], first: parsed.first });
    out.push(group ? undefined : d);
  }
  for (const { at, objects, first } of groups.values()) {
    const d = out[at];
    if (d === undefined || objects.length === 1) continue;
    const named = objects.slice(0, NAMED).join(', ');
    const more = objects.length > NAMED ? ` +${objects.length - NAMED} more` : '';
    const message = `${objects.length} objects here are also defined in ${first} (first there): ${named}${more}; both copies are kept`;
    out[at] = { ...d, message };
  }
  return out.filter((d): d is T => d !== undefined);
}
