/**
 * An empty value for a list flag (an unset shell variable, a stray comma) is a usage
 * error naming the flag, never a silent "everything": exit 2, one line, nothing run or stored.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';
import { start } from './child.ts';

const dir = tempDir();

async function expectUsage(args: string[], flag: string): Promise<void> {
  const c = start(args);
  const exit = await c.exited;
  const why = `${args.join(' ')}\n${c.stderr()}`;
  expect(exit.code, why).toBe(2);
  const lines = c.stderr().trim().split('\n');
  expect(lines, why).toHaveLength(1);
  expect(lines[0], why).toMatch(/^deskbench: /);
  expect(lines[0]!.includes(flag), why).toBe(true);
  expect(lines[0], why).toMatch(/empty/);
}

/** Runs the cases a few at a time. */
async function each(cases: Array<[string[], string]>): Promise<void> {
  for (let i = 0; i < cases.length; i += 4) await Promise.all(cases.slice(i, i + 4).map(([a, f]) => expectUsage(a, f)));
}

describe('empty list values are usage errors', () => {
  it('deskbench run: --task, --agent, --conditions, --tag, --service, empty or with an empty item', async () => {
    const db = join(dir, 'run.db');
    await each([
      [['run', '--task', '', '--db', db], '--task'],
      [['run', '--agent', '', '--db', db], '--agent'],
      [['run', '--conditions', '', '--db', db], '--conditions'],
      [['run', '--tag', '', '--db', db], '--tag'],
      [['run', '--service', '', '--db', db], '--service'],
      [['run', '--task', 'label-stackwise-invoices,', '--db', db], '--task'],
      [['run', '--agent', 'oracle,,noop', '--db', db], '--agent'],
      [['run', '--task', 'label-stackwise-invoices', '--task', '', '--db', db], '--task'],
      [['run', '--db', ''], '--db'],
    ]);
    // Nothing ran: no store was even created.
    expect(existsSync(db)).toBe(false);
  }, 120_000);

  it('every other command that takes lists or ids', async () => {
    const db = join(dir, 'none.db');
    await each([
      [['list', '--tag', ''], '--tag'],
      [['check', ''], '<task-ids>'],
      [['report', '--filter', '', '--db', db], '--filter'],
      [['report', '--filter', 'model=a,', '--db', db], '--filter'],
      [['report', '--filter', 'model=a||b', '--db', db], '--filter'],
      [['rescore', '--run', '', '--db', db], '--run'],
      [['rescore', '--task', 'a,,b', '--db', db], '--task'],
      [['export', '--run', '', '--db', db], '--run'],
      [['runs', '--trials', '', '--db', db], '--trials'],
      [['show', '', '--db', db], '<trial-id>'],
      [['merge', '', '--into', join(dir, 'm.db')], '<sources>'],
      [['import', ''], '<files>'],
      [['serve', '--task', ''], '--task'],
    ]);
  }, 180_000);
});
