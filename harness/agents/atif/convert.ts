/** Converting stored trials to ATIF trajectories and back (one entry point for the export, import and replay paths). */
export { atifAgentName, toAtif, toolDefinitions, type StepExtra } from './to-atif.ts';
export { fromAtif, parseAtif, stepsFromAtif } from './from-atif.ts';
