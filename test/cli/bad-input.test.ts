import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../harness/store/index.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir();
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

/** A bad input: non-zero exit, one message line (plus an optional hint), no stack trace. */
function expectClearError(r: ReturnType<typeof cli>, code: number, pattern: RegExp) {
  expect(r.code).toBe(code);
  const lines = r.stderr.trim().split('\n');
  expect(lines[0]).toMatch(/^deskbench: /);
  expect(lines[0]).toMatch(pattern);
  expect(lines.length).toBeLessThanOrEqual(3);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('bad input on the command line', () => {
  const db = join(dir, 'runs.db');

  it('unknown task id names it and suggests the closest', () => {
    expectClearError(cli(['run', '--task', 'label-stackwise-invoice', '--db', db]), 2, /unknown task id: label-stackwise-invoice/);
    expect(cli(['run', '--task', 'label-stackwise-invoice', '--db', db]).stderr).toMatch(/did you mean label-stackwise-invoices/);
  });

  it('unknown agent names the valid forms', () => {
    expectClearError(cli(['run', '--agent', 'gpt5', '--db', db]), 2, /unknown agent "gpt5"/);
  });

  it('malformed --shard, --concurrency and --repeats name the flag', () => {
    expectClearError(cli(['run', '--shard', '4/3', '--db', db]), 2, /--shard "4\/3"/);
    expectClearError(cli(['run', '--concurrency', '0', '--db', db]), 2, /--concurrency must be a positive integer/);
    expectClearError(cli(['run', '--repeats', 'three', '--db', db]), 2, /--repeats must be a positive integer/);
  });

  it('an unwritable --db path names the directory', () => {
    expectClearError(cli(['run', '--db', join(dir, 'no', 'such', 'dir', 'x.db')]), 3, /directory .* is missing or not writable/);
  });

  it('a corrupt or foreign SQLite file is refused and left untouched', () => {
    const corrupt = join(dir, 'corrupt.db');
    writeFileSync(corrupt, 'not sqlite\n'.repeat(100));
    const before = sha(corrupt);
    expectClearError(cli(['run', '--db', corrupt]), 3, /is not a SQLite database/);
    expect(sha(corrupt)).toBe(before);

    const foreign = join(dir, 'foreign.db');
    const f = new Database(foreign);
    f.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5)');
    f.close();
    const fBefore = sha(foreign);
    expectClearError(cli(['runs', '--db', foreign]), 3, /not a deskbench store/);
    expectClearError(cli(['run', '--db', foreign]), 3, /not a deskbench store/);
    expect(sha(foreign)).toBe(fBefore);
  });

  it('a store from a newer schema is refused and left untouched', () => {
    const newer = join(dir, 'newer.db');
    expect(cli(['run', '--agent', 'noop', '--task', 'label-stackwise-invoices', '--db', newer, '--quiet']).code).toBe(0);
    const d = new Database(newer);
    d.prepare('UPDATE schema_version SET version = ?').run(SCHEMA_VERSION + 5);
    d.pragma('wal_checkpoint(TRUNCATE)');
    d.close();
    const before = sha(newer);
    expectClearError(cli(['runs', '--db', newer]), 3, /newer than this deskbench/);
    expect(sha(newer)).toBe(before);
  });

  it('--resume of an unknown run is an error; of a finished run, one line and exit 0; the data is kept', () => {
    const store = join(dir, 'resume.db');
    const first = cli(['run', '--agent', 'noop', '--task', 'label-stackwise-invoices', '--db', store, '--json']);
    expect(first.code).toBe(0);
    const runId = JSON.parse(first.stdout.split('\n')[0]!).runId as string;
    expectClearError(cli(['run', '--resume', 'run-nope', '--db', store]), 2, /no run run-nope/);
    // Resuming is idempotent: a complete run is not an error, and nothing runs again.
    const again = cli(['run', '--resume', runId, '--db', store]);
    expect(again.code).toBe(0);
    expect(again.stderr.trim()).toBe(`${runId} is already complete (1 trial(s) stored): nothing to run`);
    const runs = JSON.parse(cli(['runs', '--db', store, '--json']).stdout) as { runId: string; counts: { scored: number } }[];
    expect(runs).toHaveLength(1);
    expect(runs[0]!.counts.scored).toBe(1);
  });

  it('a missing store for read-only commands says how to create one', () => {
    mkdirSync(join(dir, 'empty'), { recursive: true });
    expectClearError(cli(['runs', '--db', join(dir, 'empty', 'none.db')]), 3, /no run store at/);
  });
});
