/** @module The typed cluster model. */
export * from './azure-rbac.js';
export * from './cluster.js';
export * from './ip-range.js';
export * from './kube-object.js';
export * from './label-selector.js';
export * from './model.js';
export * from './namespaces.js';
export * from './setting.js';
export * from './source-location.js';
export * from './subject.js';
export * from './group-by.js';
export * from './flat-string.js';
export * from './bounded-table.js';
export * from './json.js';
export * from './workloads.js';
export * from './observed-traffic.js';
