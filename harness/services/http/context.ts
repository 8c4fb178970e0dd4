/** State shared by the request handlers of one server. */
import type { Operation } from '../../core/index.ts';
import type { RouteTable } from './route-table.ts';
import type { TrialRegistry } from './trials.ts';
import { schemaKeys } from './schema-keys.ts';
import { UploadSessions } from './uploads.ts';

export type { UploadSession } from './uploads.ts';

/** What every handler of one server can reach. */
export interface ServerContext {
  readonly table: RouteTable;
  readonly trials: TrialRegistry;
  readonly adminToken: string;
  /** Open resumable upload sessions (bounded per trial, expiring on the wall clock). */
  readonly uploads: UploadSessions;
  /** Called for harness bugs (a handler threw something other than an ApiError). */
  readonly onInternalError: (error: unknown, where: string) => void;
  /** Declared top-level param keys of an operation (cached). */
  readonly paramKeys: (op: Operation) => ReadonlySet<string> | undefined;
}

/** Builds the per-server context. */
export function createServerContext(
  table: RouteTable,
  trials: TrialRegistry,
  adminToken: string,
  onInternalError: ServerContext['onInternalError'],
  uploadClock?: () => number,
): ServerContext {
  const cache = new Map<string, ReadonlySet<string> | undefined>();
  return {
    table,
    trials,
    adminToken,
    uploads: new UploadSessions(uploadClock),
    onInternalError,
    paramKeys: (op) => {
      if (!cache.has(op.id)) cache.set(op.id, schemaKeys(op.params));
      return cache.get(op.id);
    },
  };
}
