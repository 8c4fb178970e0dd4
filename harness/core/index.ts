/** Core contracts shared by every part of deskbench. Imports nothing else of ours. */
export * from './errors.ts';
export * from './ids.ts';
export * from './rng.ts';
export * from './collection.ts';
export * from './operation.ts';
export * from './service.ts';
export * from './action-log.ts';
export * from './probes.ts';
export * from './input-limits.ts';
export * from './trial-behaviour.ts';
export * from './workspace.ts';
export * from './score.ts';
export * from './grading.ts';
export * from './task.ts';
export * from './provider.ts';
export * from './trial.ts';
export * from './agent.ts';
