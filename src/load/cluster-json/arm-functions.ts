/** @module The ARM template functions aksward evaluates offline, keyed by lower-case name (ARM names are case-insensitive). */
import type { ArmFunction, Entry } from './arm-function-kit.js';
import { arrayFunctions } from './arm-functions-array.js';
import { dateFunctions } from './arm-functions-date.js';
import { lambdaFunctions } from './arm-functions-lambda.js';
import { logicalFunctions } from './arm-functions-logical.js';
import { numericFunctions } from './arm-functions-numeric.js';
import { objectFunctions } from './arm-functions-object.js';
import { stringFunctions } from './arm-functions-string.js';
import { resourceIdFunctions } from './arm-resource-functions.js';

const groups: readonly (readonly Entry[])[] = [
  arrayFunctions,
  dateFunctions,
  lambdaFunctions,
  logicalFunctions,
  numericFunctions,
  objectFunctions,
  stringFunctions,
  resourceIdFunctions,
];

/** A Map, never an object: a template's `constructor()` or `__proto__()` must find nothing. */
export const ARM_FUNCTIONS: ReadonlyMap<string, ArmFunction> = new Map(groups.flat());
