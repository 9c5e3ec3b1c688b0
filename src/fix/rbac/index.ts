/** @module Narrow RBAC from evidence: the library the `fix` command's plan builder calls. */
export { narrowRules } from './narrow-rules.js';
export { objectsAfter } from './objects-after.js';
export { planRbacNarrowing } from './plan-rbac-narrowing.js';
export type * from './types.js';
