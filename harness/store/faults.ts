/** Store faults: SQLite failures become store errors (exit 3) that say what to do; a busy store is waited for, then retried. */
import Database from 'better-sqlite3';
import { DeskbenchError, isDeskbenchError } from '../core/index.ts';

/** Environment variable that sets how long a command waits for another process's lock on the store (milliseconds). */
export const BUSY_TIMEOUT_ENV = 'DESKBENCH_BUSY_TIMEOUT_MS';

/** How long a command waits for another process's lock by default. */
export const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

/** The wait for another process's lock: $DESKBENCH_BUSY_TIMEOUT_MS or the default. A malformed value is a configuration error. */
export function busyTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = env[BUSY_TIMEOUT_ENV];
  if (v === undefined || v === '') return DEFAULT_BUSY_TIMEOUT_MS;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n)) {
    throw new DeskbenchError('E_CONFIG', `${BUSY_TIMEOUT_ENV} must be a whole number of milliseconds, got "${v}"`, { hint: `e.g. ${BUSY_TIMEOUT_ENV}=${DEFAULT_BUSY_TIMEOUT_MS}` });
  }
  return n;
}

function sqliteCode(e: unknown): string | undefined {
  return e instanceof Database.SqliteError ? e.code : undefined;
}

/** True for the SQLite errors another connection's lock causes (worth waiting for). */
export function isBusy(e: unknown): boolean {
  const c = sqliteCode(e);
  return c !== undefined && (c.startsWith('SQLITE_BUSY') || c.startsWith('SQLITE_LOCKED'));
}

/** True for the SQLite errors of a damaged or non-database file. */
export function isCorruption(e: unknown): boolean {
  const c = sqliteCode(e);
  return c !== undefined && (c.startsWith('SQLITE_CORRUPT') || c === 'SQLITE_NOTADB');
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs `fn`, running it again while the store is busy until `timeoutMs` has passed.
 * SQLite's own busy handler already waits inside most statements; this covers the
 * cases it does not (a stale snapshot, a lock taken during WAL recovery, a shared-cache
 * lock). `fn` must be one transaction or one statement, so a retry repeats all of it or none.
 */
export function withBusyRetry<T>(fn: () => T, timeoutMs: number): T {
  const deadline = Date.now() + timeoutMs;
  let wait = 2;
  for (;;) {
    try {
      return fn();
    } catch (e) {
      const left = deadline - Date.now();
      if (!isBusy(e) || left <= 0) throw e;
      // The store API is synchronous (better-sqlite3), so the wait is too; it only happens under contention.
      Atomics.wait(pause, 0, 0, Math.min(wait, left));
      wait = Math.min(wait * 2, 100);
    }
  }
}

/** What the failing store operation was doing, for the message. */
export interface FaultContext {
  readonly path: string;
  /** e.g. "storing trial x", "opening the store". */
  readonly doing: string;
  /** Whether the operation writes (picks E_STORE_WRITE over E_STORE_OPEN for generic failures). */
  readonly write: boolean;
  readonly timeoutMs: number;
}

/**
 * The store error for a failure of a store operation. DeskbenchErrors pass through;
 * SQLite errors and unreadable stored JSON become E_STORE_* errors naming the file; any
 * other error is a bug and is returned unchanged.
 */
export function storeFault(e: unknown, c: FaultContext): unknown {
  if (isDeskbenchError(e)) return e;
  const msg = (e as Error)?.message ?? String(e);
  const untouched = 'nothing already stored was changed';
  if (e instanceof SyntaxError) {
    return new DeskbenchError('E_STORE_CORRUPT', `${c.doing}: ${c.path} holds a damaged value (${msg})`, {
      hint: `restore the store from a backup or use another --db path; ${untouched}`, cause: e,
    });
  }
  const code = sqliteCode(e);
  if (!code) return e;
  if (isBusy(e)) {
    return new DeskbenchError(c.write ? 'E_STORE_WRITE' : 'E_STORE_OPEN',
      `${c.doing}: ${c.path} is locked by another process (waited ${(c.timeoutMs / 1000).toFixed(1)} s)`, {
        hint: `let the other deskbench command finish, or wait longer with ${BUSY_TIMEOUT_ENV}=<ms>; ${untouched}`, cause: e,
      });
  }
  if (isCorruption(e)) {
    return new DeskbenchError('E_STORE_CORRUPT', `${c.doing}: ${c.path} is damaged (${msg})`, {
      hint: `restore it from a backup or use another --db path; ${untouched}`, cause: e,
    });
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new DeskbenchError(c.write ? 'E_STORE_WRITE' : 'E_STORE_OPEN', `${c.doing}: ${c.path} is read-only (${msg})`, {
      hint: 'make the file and its directory writable (SQLite keeps <file>-wal and <file>-shm beside it), or use another --db path', cause: e,
    });
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') {
    return new DeskbenchError('E_STORE_OPEN', `${c.doing}: cannot open ${c.path} (${msg})`, {
      hint: 'check that the file and its directory exist and are readable and writable', cause: e,
    });
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_FULL') {
    return new DeskbenchError(c.write ? 'E_STORE_WRITE' : 'E_STORE_OPEN', `${c.doing}: ${c.path} could not be ${c.write ? 'written' : 'read'} (${msg})`, {
      hint: 'check free disk space and the device; the last finished trial that was reported is stored', cause: e,
    });
  }
  return new DeskbenchError(c.write ? 'E_STORE_WRITE' : 'E_STORE_OPEN', `${c.doing}: ${msg}`, { cause: e });
}

/** Runs one store operation with busy retries and maps its failure with `storeFault`. */
export function guarded<T>(c: FaultContext, fn: () => T): T {
  try {
    return withBusyRetry(fn, c.timeoutMs);
  } catch (e) {
    throw storeFault(e, c);
  }
}
