/** The SQLite run store. */
export * from './types.ts';
export * from './run-store.ts';
export { resolveStorePath, STORE_ENV, DEFAULT_STORE_PATH } from './open.ts';
export { SCHEMA_VERSION } from './migrations.ts';
export type { AggregateSource } from './aggregate.ts';
export { BUSY_TIMEOUT_ENV, DEFAULT_BUSY_TIMEOUT_MS } from './faults.ts';
