/** @module The request of `can-i` and `who-can` from its words, as `kubectl auth can-i` reads them. */
import type { RequestWords } from '../analysis/rbac/parse-request.js';
import { parseRequest } from '../analysis/rbac/parse-request.js';
import type { AccessRequest } from '../analysis/rbac/types.js';
import { UsageError } from '../errors.js';

export type { RequestWords } from '../analysis/rbac/parse-request.js';

/** The request, and what was assumed to read it (an unknown resource is taken as namespaced); a usage error when it cannot be read. */
export function requestOf(words: RequestWords): {
  request: AccessRequest;
  warnings: readonly string[];
} {
  const parsed = parseRequest(words);
  if (!parsed.ok) throw new UsageError(parsed.error);
  return { request: parsed.request, warnings: parsed.warnings };
}
