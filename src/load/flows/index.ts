/** @module Flow-log loading: Hubble and ACNS container network logs into observed connections. */
export { loadFlowLogs, loadFlowLogText } from './load-flow-logs.js';
