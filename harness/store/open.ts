/** Opens (or creates) a run store file safely: never touches a foreign, corrupt, newer or unwritable file. */
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DeskbenchError } from '../core/index.ts';
import { busyTimeoutMs, guarded, isCorruption, storeFault, type FaultContext } from './faults.ts';
import { MIGRATIONS, SCHEMA_VERSION, STORE_APP_ID } from './migrations.ts';

/** Environment variable that overrides the default store path. */
export const STORE_ENV = 'DESKBENCH_DB';

/** The default store file, relative to the working directory. */
export const DEFAULT_STORE_PATH = 'deskbench.db';

/** Resolves the store path: explicit flag, then $DESKBENCH_DB, then ./deskbench.db. */
export function resolveStorePath(flag?: string): string {
  return resolve(flag || process.env[STORE_ENV] || DEFAULT_STORE_PATH);
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** How a store is opened. */
export interface OpenOptions {
  /** Create the file when missing (default true); false for commands that only read. */
  readonly create?: boolean;
  /**
   * Open read-only (no schema upgrade, no writes); `'if-unwritable'` for commands that only
   * read: read-write when the file and its directory are writable, read-only otherwise.
   */
  readonly readonly?: boolean | 'if-unwritable';
  /** Verify every page before anything is written (default: true unless `readonly` is given). */
  readonly verify?: boolean;
  /** How long to wait for another process's lock (default: $DESKBENCH_BUSY_TIMEOUT_MS or 10 s). */
  readonly busyTimeoutMs?: number;
  /**
   * With `readonly: true`: accept a store of an older schema as it is, unmigrated, for a
   * caller that reads its tables by their columns (a merge source). Off by default: the
   * typed reads assume the current schema.
   */
  readonly acceptOlderSchema?: boolean;
}

/**
 * Opens a store. With `create: false` a missing file is an error (read-only commands);
 * otherwise it is created. Checks, in order and before anything is written: the path is
 * a regular file (or a new one in a writable directory), the file is SQLite, it is a
 * deskbench store, its schema is not newer than this build, and, when it will be
 * written, that the file and its directory are writable and its pages are sound. Older
 * schemas are migrated forward in one immediate transaction, so two processes opening a
 * new store at once migrate it exactly once. Every failure is an E_STORE_* error.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Database.Database {
  const create = options.create ?? true;
  const timeoutMs = options.busyTimeoutMs ?? busyTimeoutMs();
  const exists = existsSync(path);
  const readonly = checkPath(path, exists, create, options.readonly ?? false);
  const ctx: FaultContext = { path, doing: 'opening the store', write: !readonly, timeoutMs };
  let db: Database.Database;
  try {
    db = new Database(path, { readonly, fileMustExist: !create, timeout: timeoutMs });
  } catch (e) {
    const f = storeFault(e, ctx);
    throw f instanceof DeskbenchError ? f : new DeskbenchError('E_STORE_OPEN', `cannot open ${path}: ${(e as Error).message}`, { hint: 'check the path and its permissions', cause: e });
  }
  try {
    checkAndMigrate(db, path, exists && (options.verify ?? options.readonly === undefined), ctx, options.acceptOlderSchema ?? false);
  } catch (e) {
    db.close();
    throw storeFault(e, ctx);
  }
  return db;
}

/**
 * Refuses paths SQLite must not touch: directories, devices, unwritable files or
 * directories. Returns whether to open read-only: when asked, or when a command that only
 * reads (`create: false`) meets a store it cannot write.
 */
function checkPath(path: string, exists: boolean, create: boolean, readonly: boolean | 'if-unwritable'): boolean {
  if (!exists && !create) {
    throw new DeskbenchError('E_STORE_OPEN', `no run store at ${path}`, {
      hint: 'run `deskbench run` first, or point --db (or DESKBENCH_DB) at an existing store',
    });
  }
  if (!exists) {
    try {
      accessSync(dirname(path), constants.W_OK);
    } catch {
      throw new DeskbenchError('E_STORE_OPEN', `cannot create a store at ${path}: the directory ${dirname(path)} is missing or not writable`, {
        hint: 'create the directory or choose another --db path',
      });
    }
    return false;
  }
  const st = statSync(path);
  if (st.isDirectory()) {
    throw new DeskbenchError('E_STORE_OPEN', `${path} is a directory, not a store file`, { hint: 'give --db a file path, e.g. runs/deskbench.db' });
  }
  // A device such as /dev/null, a FIFO or a socket: SQLite would "open" it and then create files beside it.
  if (!st.isFile()) {
    throw new DeskbenchError('E_STORE_OPEN', `${path} is not a regular file`, { hint: 'give --db a file path, e.g. runs/deskbench.db' });
  }
  if (st.size > 0 && !hasSqliteHeader(path)) {
    throw new DeskbenchError('E_STORE_CORRUPT', `${path} is not a SQLite database`, {
      hint: 'point --db at a deskbench store or a new file name; the file was left untouched',
    });
  }
  if (readonly === true) return true;
  const writable = (p: string) => {
    try {
      accessSync(p, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (readonly === 'if-unwritable' && !(writable(path) && writable(dirname(path)))) return true;
  if (!writable(path)) {
    throw new DeskbenchError('E_STORE_OPEN', `${path} is read-only`, {
      hint: 'make the file writable, or use another --db path; the file was left untouched',
    });
  }
  if (!writable(dirname(path))) {
    throw new DeskbenchError('E_STORE_OPEN', `the directory of ${path} is read-only`, {
      hint: 'SQLite keeps <file>-wal and <file>-shm beside the store: make the directory writable, or move the store; the file was left untouched',
    });
  }
  return false;
}

function hasSqliteHeader(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new DeskbenchError('E_STORE_OPEN', `cannot read ${path}: ${(e as Error).message}`, { hint: 'check the file permissions', cause: e });
  }
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return n === 16 && buf.toString('latin1') === SQLITE_MAGIC;
  } finally {
    closeSync(fd);
  }
}

/** The schema version of a deskbench store (0 for an empty file); throws for a foreign or newer file. */
function inspect(db: Database.Database, path: string): number {
  let tables: string[];
  try {
    tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name);
  } catch (e) {
    if (!isCorruption(e)) throw e;
    throw new DeskbenchError('E_STORE_CORRUPT', `${path} is not a readable SQLite database: ${(e as Error).message}`, {
      hint: 'restore it from a backup or use another --db path; the file was left untouched', cause: e,
    });
  }
  if (tables.length === 0) return 0;
  const foreign = () => new DeskbenchError('E_STORE_FOREIGN', `${path} is a SQLite file but not a deskbench store`, {
    hint: 'choose another --db path; the file was left untouched',
  });
  if (!tables.includes('meta') || !tables.includes('schema_version')) throw foreign();
  const app = db.prepare(`SELECT value FROM meta WHERE key = 'app'`).get() as { value: string } | undefined;
  if (app?.value !== STORE_APP_ID) throw foreign();
  const version = (db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined)?.version ?? 0;
  if (version > SCHEMA_VERSION) {
    throw new DeskbenchError('E_STORE_NEWER', `${path} has schema version ${version}, newer than this deskbench (${SCHEMA_VERSION})`, {
      hint: 'upgrade deskbench to read this store; it was left untouched',
    });
  }
  return version;
}

function checkAndMigrate(db: Database.Database, path: string, verify: boolean, ctx: FaultContext, acceptOlder: boolean): void {
  const version = guarded(ctx, () => inspect(db, path));
  db.pragma('foreign_keys = ON');
  // A row an INSERT OR REPLACE pushes out then fires its delete triggers, so the report sums
  // (group-sums.ts) stay exact whatever conflict clause a writer uses.
  db.pragma('recursive_triggers = ON');
  if (db.readonly) {
    if (version !== SCHEMA_VERSION && !(acceptOlder && version > 0)) {
      throw new DeskbenchError('E_STORE_OPEN', `${path} needs a schema upgrade but was opened read-only`, { hint: 'run a writing command once to upgrade it' });
    }
    return;
  }
  // A store about to be written must be sound first: writing into damaged pages can lose
  // what is stored. quick_check reads every page once (milliseconds for a typical store).
  if (verify && version > 0) {
    const problems = guarded(ctx, () => db.pragma('quick_check(1)', { simple: true }));
    if (problems !== 'ok') {
      throw new DeskbenchError('E_STORE_CORRUPT', `${path} is damaged: ${String(problems).replace(/\s*\n\s*/g, '; ')}`, {
        hint: 'restore it from a backup, or copy out what is readable with `sqlite3 <file> .recover`; the file was left untouched',
      });
    }
  }
  guarded(ctx, () => {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  });
  if (version === SCHEMA_VERSION) return;
  // Immediate: the write lock is taken before the version is read again, so of two
  // processes creating the same store one migrates and the other finds it done.
  guarded({ ...ctx, doing: 'upgrading the store schema' }, () => db.transaction(() => {
    const now = inspect(db, path);
    if (now === SCHEMA_VERSION) return;
    if (now === 0) {
      db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
      db.prepare('INSERT INTO schema_version (version) VALUES (0)').run();
    }
    for (let v = now; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
    db.prepare('UPDATE schema_version SET version = ?').run(SCHEMA_VERSION);
    db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('app', ?)`).run(STORE_APP_ID);
  }).immediate());
}
