/** @module A `TfView` over one resource of `terraform show -json`: its values, and `after_unknown` for a plan. */
import type { SourceLocation } from '../../model/index.js';
import type { JsonLocator, JsonPath } from './json-locator.js';
import { isRecord, valueRead, type TfBlocks, type TfRead, type TfView } from './tf-resource.js';

export interface PlanNode {
  readonly values: unknown;
  /** The matching part of `change.after_unknown`: `true` where the value is known only after apply. */
  readonly afterUnknown: unknown;
  readonly valuesPath: JsonPath;
  readonly unknownPath: JsonPath | undefined;
}

const AFTER_APPLY = 'known only after apply';

interface Walked {
  readonly value: unknown;
  readonly afterUnknown: unknown;
  /** A `true` met on the way: the whole block is known only after apply. */
  readonly unknownAbove: boolean;
  readonly valuesPath: JsonPath;
  readonly unknownPath: JsonPath | undefined;
}

/** Follows `path`, entering nested blocks (JSON lists) at their first instance, except at the last step. */
function walk(node: PlanNode, path: readonly string[]): Walked {
  let value = node.values;
  let afterUnknown = node.afterUnknown;
  const valuesPath: (string | number)[] = [...node.valuesPath];
  const unknownPath: (string | number)[] | undefined = node.unknownPath ? [...node.unknownPath] : undefined;
  for (const [index, name] of path.entries()) {
    if (afterUnknown === true) return { value, afterUnknown, unknownAbove: true, valuesPath, unknownPath };
    value = isRecord(value) ? value[name] : undefined;
    afterUnknown = isRecord(afterUnknown) ? afterUnknown[name] : undefined;
    valuesPath.push(name);
    unknownPath?.push(name);
    if (index < path.length - 1 && Array.isArray(value)) {
      value = value[0];
      afterUnknown = Array.isArray(afterUnknown) ? afterUnknown[0] : afterUnknown;
      valuesPath.push(0);
      unknownPath?.push(0);
    }
  }
  return { value, afterUnknown, unknownAbove: false, valuesPath, unknownPath };
}

function containsUnknown(marks: unknown): boolean {
  if (marks === true) return true;
  if (Array.isArray(marks)) return marks.some(containsUnknown);
  return isRecord(marks) && Object.values(marks).some(containsUnknown);
}

export function planView(node: PlanNode, locate: JsonLocator): TfView {
  return {
    attr(path): TfRead {
      const walked = walk(node, path);
      if (walked.unknownAbove || containsUnknown(walked.afterUnknown))
        return { kind: 'unknown', reason: AFTER_APPLY };
      return valueRead(walked.value);
    },
    block(path): TfRead {
      const walked = walk(node, path);
      if (walked.unknownAbove || walked.afterUnknown === true)
        return { kind: 'unknown', reason: AFTER_APPLY };
      const { value } = walked;
      const present = Array.isArray(value) ? value.length > 0 : isRecord(value);
      return present ? { kind: 'value', value: true } : { kind: 'absent' };
    },
    blocks(name): TfBlocks {
      const walked = walk(node, [name]);
      if (walked.unknownAbove || walked.afterUnknown === true) return { unknown: AFTER_APPLY };
      const items = Array.isArray(walked.value) ? walked.value : [];
      const marks = walked.afterUnknown;
      return items.map((values, index) =>
        planView(
          {
            values,
            afterUnknown: Array.isArray(marks) ? marks[index] : undefined,
            valuesPath: [...walked.valuesPath, index],
            unknownPath: walked.unknownPath ? [...walked.unknownPath, index] : undefined,
          },
          locate,
        ),
      );
    },
    locate(path): SourceLocation {
      const walked = walk(node, path);
      const inValues = locate(walked.valuesPath);
      if (inValues.complete || !walked.unknownPath) return inValues.at;
      // A plan leaves a value known only after apply out of `values`: point at its `after_unknown` mark.
      const inMarks = locate(walked.unknownPath);
      return inMarks.complete ? inMarks.at : inValues.at;
    },
  };
}
