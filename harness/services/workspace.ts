/** The five-service workspace of one trial: a core Workspace wired to every operation table. */
import { Workspace, emptyBase, type WorkspaceBase } from '../core/index.ts';
import { COLLECTION_KEYS, OPERATIONS } from './registry.ts';
import { validationError } from './wire-errors.ts';

/** The clock every base workspace starts at unless a generator says otherwise. */
export const DEFAULT_NOW = '2026-03-16T14:00:00.000Z';

/** Creates a trial workspace over a base. O(collections): records are shared copy-on-write. */
export function createWorkspace(base: WorkspaceBase): Workspace {
  return new Workspace(base, OPERATIONS, validationError);
}

/** A workspace with every collection present and empty (tests, and the start of base generation). */
export function createEmptyWorkspace(now = DEFAULT_NOW): Workspace {
  return createWorkspace(emptyBase(COLLECTION_KEYS, now));
}
