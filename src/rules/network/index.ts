/** @module The network rules, in id order. */
import type { AnyRule } from '../define-rule.js';

export const rules: readonly AnyRule[] = [];
