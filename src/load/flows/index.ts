/** @module Flow-log loading: Hubble and ACNS container network logs into observed connections. */
export { loadFlowLogs, loadFlowLogText } from './load-flow-logs.js';
export type { FlowDiagnostic, FlowDiagnosticCode, FlowLoadResult, FlowLogText } from './load-flow-logs.js';
