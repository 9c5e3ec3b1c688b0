/**
 * @module Kubernetes label selectors (`metav1.LabelSelector`: `matchLabels` AND `matchExpressions`), parsed
 * defensively and matched as `LabelSelectorAsSelector` builds them. The one implementation for
 * NetworkPolicy pod and namespace selectors and ClusterRole aggregation selectors.
 */
import { BoundedTable } from './bounded-table.js';
import { isObject } from './json.js';
import type { PathSegment } from './source-location.js';

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

export interface LabelSelector {
  /** ANDed; none means the empty selector `{}`, which matches everything. */
  readonly requirements: readonly LabelRequirement[];
  /** Canonical text: equal selectors have equal keys, so matches can be cached per distinct selector. */
  readonly key: string;
}

/** Reports a problem at a path relative to the selector. */
export type SelectorProblemSink = (path: readonly PathSegment[], message: string) => null;

const EVERYTHING: LabelSelector = { requirements: [], key: '{}' };

const OPERATORS: readonly string[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/**
 * Selectors by their key, so that equal selectors are one object. Generated NetworkPolicies repeat the same
 * few selectors in every rule: the 20,200 policies `fix` writes for a flat cluster of 10,000 workloads have
 * 461,000 peers, whose selectors are a few thousand distinct ones. Selectors are never written to. Bounded:
 * emptied when full.
 */
const INTERNED = new BoundedTable<string, LabelSelector>(1 << 16);

function canonical(requirements: readonly LabelRequirement[]): LabelSelector {
  const sorted = [...requirements]
    .map((r) => ({ ...r, values: [...new Set(r.values)].sort() }))
    .sort((a, b) => a.key.localeCompare(b.key) || a.operator.localeCompare(b.operator));
  const key = sorted.map((r) => `${r.key} ${r.operator} (${r.values.join(',')})`).join('; ') || '{}';
  return INTERNED.get(key, () => ({ requirements: sorted, key }));
}

function parseMatchLabels(value: unknown, problem: SelectorProblemSink): LabelRequirement[] | null {
  if (value === undefined || value === null) return [];
  if (!isObject(value)) return problem(['matchLabels'], 'matchLabels is not a map');
  const out: LabelRequirement[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string')
      return problem(['matchLabels', key], `label value of "${key}" is not a string`);
    out.push({ key, operator: 'In', values: [v] });
  }
  return out;
}

function parseExpression(
  value: unknown,
  index: number,
  problem: SelectorProblemSink,
): LabelRequirement | null {
  const at = ['matchExpressions', index];
  if (!isObject(value)) return problem(at, 'a matchExpressions entry is not a map');
  const { key, operator, values = [] } = value;
  if (typeof key !== 'string' || key === '') return problem([...at, 'key'], 'key is missing or not a string');
  if (typeof operator !== 'string' || !OPERATORS.includes(operator)) {
    return problem(
      [...at, 'operator'],
      `operator ${JSON.stringify(operator)} is not In, NotIn, Exists or DoesNotExist`,
    );
  }
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) {
    return problem([...at, 'values'], 'values is not a list of strings');
  }
  const needsValues = operator === 'In' || operator === 'NotIn';
  // The API server rejects In/NotIn without values and Exists/DoesNotExist with values.
  if (needsValues !== values.length > 0) {
    const message = needsValues ? `${operator} needs at least one value` : `${operator} takes no values`;
    return problem([...at, 'values'], message);
  }
  return { key, operator: operator as SelectorOperator, values: values as string[] };
}

/**
 * Parses a `LabelSelector`. `undefined`/`null` is the empty selector. Returns `null` (and reports)
 * when the selector is malformed: the API server would reject it, so it selects nothing here.
 */
export function parseLabelSelector(value: unknown, problem: SelectorProblemSink): LabelSelector | null {
  if (value === undefined || value === null) return EVERYTHING;
  if (!isObject(value)) return problem([], 'the selector is not a map');
  const labels = parseMatchLabels(value['matchLabels'], problem);
  if (!labels) return null;
  const raw = value['matchExpressions'];
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
    return problem(['matchExpressions'], 'matchExpressions is not a list');
  }
  const expressions: LabelRequirement[] = [];
  for (const [index, entry] of (Array.isArray(raw) ? raw : []).entries()) {
    const parsed = parseExpression(entry, index, problem);
    if (!parsed) return null;
    expressions.push(parsed);
  }
  return canonical([...labels, ...expressions]);
}

function matchesRequirement(req: LabelRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, req.key);
  switch (req.operator) {
    case 'In':
      return has && req.values.includes(labels[req.key] ?? '');
    // NotIn and DoesNotExist match objects that lack the key.
    case 'NotIn':
      return !has || !req.values.includes(labels[req.key] ?? '');
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

/** The selector `{ matchLabels: labels }`, for selectors built in code (the bootstrap aggregation roles). */
export function selectorForLabels(labels: Readonly<Record<string, string>>): LabelSelector {
  return canonical(Object.entries(labels).map(([key, value]) => ({ key, operator: 'In', values: [value] })));
}

export function matchesSelector(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  return selector.requirements.every((req) => matchesRequirement(req, labels));
}

/** `app=web, tier in (a,b), !legacy`: how `kubectl` prints a selector, for messages. */
export function describeSelector(selector: LabelSelector): string {
  if (selector.requirements.length === 0) return '{} (everything)';
  return selector.requirements
    .map((r) => {
      switch (r.operator) {
        case 'In':
          return r.values.length === 1
            ? `${r.key}=${r.values[0] ?? ''}`
            : `${r.key} in (${r.values.join(',')})`;
        case 'NotIn':
          return `${r.key} notin (${r.values.join(',')})`;
        case 'Exists':
          return r.key;
        case 'DoesNotExist':
          return `!${r.key}`;
      }
    })
    .join(', ');
}
