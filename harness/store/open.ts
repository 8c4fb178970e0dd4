/** Opens (or creates) a run store file safely: never touches a foreign, corrupt or newer file. */
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DeskbenchError } from '../core/index.ts';
import { MIGRATIONS, SCHEMA_VERSION, STORE_APP_ID } from './migrations.ts';

/** Environment variable that overrides the default store path. */
export const STORE_ENV = 'DESKBENCH_DB';

/** The default store file, relative to the working directory. */
export const DEFAULT_STORE_PATH = 'deskbench.db';

/** Resolves the store path: explicit flag, then $DESKBENCH_DB, then ./deskbench.db. */
export function resolveStorePath(flag?: string): string {
  return resolve(flag ?? process.env[STORE_ENV] ?? DEFAULT_STORE_PATH);
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/**
 * Opens a store. With `create: false` a missing file is an error (read-only commands);
 * otherwise it is created. Checks, in order: the directory is writable, the file is
 * SQLite, it is a deskbench store, and its schema is not newer than this build.
 * Older schemas are migrated forward in one transaction per step.
 */
export function openDatabase(path: string, options: { create?: boolean; readonly?: boolean } = {}): Database.Database {
  const create = options.create ?? true;
  const exists = existsSync(path);
  if (!exists && !create) {
    throw new DeskbenchError('E_STORE_OPEN', `no run store at ${path}`, {
      hint: 'run `deskbench run` first, or point --db (or DESKBENCH_DB) at an existing store',
    });
  }
  if (exists) {
    if (statSync(path).isDirectory()) {
      throw new DeskbenchError('E_STORE_OPEN', `${path} is a directory, not a store file`, { hint: 'give --db a file path, e.g. runs/deskbench.db' });
    }
    if (statSync(path).size > 0 && !hasSqliteHeader(path)) {
      throw new DeskbenchError('E_STORE_CORRUPT', `${path} is not a SQLite database`, {
        hint: 'point --db at a deskbench store or a new file name; the file was left untouched',
      });
    }
  } else {
    try {
      accessSync(dirname(path), constants.W_OK);
    } catch {
      throw new DeskbenchError('E_STORE_OPEN', `cannot create a store at ${path}: the directory ${dirname(path)} is missing or not writable`, {
        hint: 'create the directory or choose another --db path',
      });
    }
  }
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: options.readonly === true && exists, fileMustExist: !create });
  } catch (e) {
    throw new DeskbenchError('E_STORE_OPEN', `cannot open ${path}: ${(e as Error).message}`, {
      hint: 'check the path and its permissions', cause: e,
    });
  }
  try {
    checkAndMigrate(db, path);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

function hasSqliteHeader(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return n === 16 && buf.toString('latin1') === SQLITE_MAGIC;
  } finally {
    closeSync(fd);
  }
}

function checkAndMigrate(db: Database.Database, path: string): void {
  let tables: string[];
  try {
    tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name);
  } catch (e) {
    throw new DeskbenchError('E_STORE_CORRUPT', `${path} is not a readable SQLite database: ${(e as Error).message}`, {
      hint: 'restore it from a backup or use another --db path; the file was left untouched', cause: e,
    });
  }
  let version = 0;
  if (tables.length > 0) {
    if (!tables.includes('meta') || !tables.includes('schema_version')) {
      throw new DeskbenchError('E_STORE_FOREIGN', `${path} is a SQLite file but not a deskbench store`, {
        hint: 'choose another --db path; the file was left untouched',
      });
    }
    const app = db.prepare(`SELECT value FROM meta WHERE key = 'app'`).get() as { value: string } | undefined;
    if (app?.value !== STORE_APP_ID) {
      throw new DeskbenchError('E_STORE_FOREIGN', `${path} is a SQLite file but not a deskbench store`, {
        hint: 'choose another --db path; the file was left untouched',
      });
    }
    version = (db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined)?.version ?? 0;
    if (version > SCHEMA_VERSION) {
      throw new DeskbenchError('E_STORE_NEWER', `${path} has schema version ${version}, newer than this deskbench (${SCHEMA_VERSION})`, {
        hint: 'upgrade deskbench to read this store; it was left untouched',
      });
    }
  }
  if (!db.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (version === SCHEMA_VERSION) return;
  if (db.readonly) {
    throw new DeskbenchError('E_STORE_OPEN', `${path} needs a schema upgrade but was opened read-only`, { hint: 'run a writing command once to upgrade it' });
  }
  const migrate = db.transaction(() => {
    if (version === 0) {
      db.exec('CREATE TABLE schema_version (version INTEGER NOT NULL)');
      db.prepare('INSERT INTO schema_version (version) VALUES (0)').run();
    }
    for (let v = version; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
    db.prepare('UPDATE schema_version SET version = ?').run(SCHEMA_VERSION);
    db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('app', ?)`).run(STORE_APP_ID);
  });
  migrate();
}
