/**
 * @module The blast radius as the reports receive it: the attack-path analysis's summary of each
 * internet-exposed workload, passed through the engine so reports depend on results, not on analyses.
 */
export type { LandingSummary } from '../analysis/paths/landings.js';
