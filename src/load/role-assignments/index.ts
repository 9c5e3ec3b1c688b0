/** @module The Azure role-assignment loader: recognise the input, then read it into model objects. */
export { detectRoleAssignments } from './detect-role-assignments.js';
export { loadRoleAssignments } from './load-role-assignments.js';
