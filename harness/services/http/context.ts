/** State shared by the request handlers of one server. */
import type { Operation } from '../../core/index.ts';
import type { RouteTable } from './route-table.ts';
import type { TrialRegistry, ServedTrial } from './trials.ts';
import { schemaKeys } from './schema-keys.ts';

/** A resumable upload session opened by `uploadType=resumable`, waiting for its bytes. */
export interface UploadSession {
  readonly trial: ServedTrial;
  readonly op: Operation;
  readonly args: Record<string, unknown>;
  /** `X-Upload-Content-Type` of the opening request, if given. */
  readonly mimeType: string | undefined;
}

/** What every handler of one server can reach. */
export interface ServerContext {
  readonly table: RouteTable;
  readonly trials: TrialRegistry;
  readonly adminToken: string;
  readonly uploads: Map<string, UploadSession>;
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
): ServerContext {
  const cache = new Map<string, ReadonlySet<string> | undefined>();
  return {
    table,
    trials,
    adminToken,
    uploads: new Map(),
    onInternalError,
    paramKeys: (op) => {
      if (!cache.has(op.id)) cache.set(op.id, schemaKeys(op.params));
      return cache.get(op.id);
    },
  };
}
