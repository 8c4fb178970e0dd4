/**
 * What commands print: every command that prints data takes --json and prints JSON; `show`
 * prints scores without float noise; `check` shows a reference solution's real error and the
 * surviving mutants in its text output; the new-task flow names the folder index, the
 * typecheck and the catalogue.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseWorkspace, companyFor, DEFAULT_SEED } from '../../datasets/base-workspace.ts';
import { checkTask } from '../../harness/check/check-task.ts';
import { openRunStore } from '../../harness/store/index.ts';
import { renderTranscript } from '../../harness/cli/commands/show.ts';
import { renderCheckText } from '../../harness/cli/commands/check.ts';
import { formatScore } from '../../harness/cli/summary-table.ts';
import { TASKS } from '../../tasks/index.ts';
import { tempDir } from '../support/temp-dir.ts';
import { events, runCli } from './spawn-cli.ts';

const dir = tempDir('deskbench-output-');
const TASK = 'label-stackwise-invoices';

describe('--json on every command that prints data', () => {
  it('list, run, runs, show, report, rescore, merge, import and check all print parseable JSON', async () => {
    const db = join(dir, 'json.db');
    const run = await runCli(['run', '--task', TASK, '--db', db, '--json']);
    expect(run.code, run.err).toBe(0);
    const trialId = String(events(run.out).find((e) => e.type === 'trial_finished')!.trialId);
    const atif = join(dir, 'atif');
    expect((await runCli(['export', '--trial', trialId, '--out', atif, '--db', db])).code).toBe(0);
    const file = join(atif, readdirSync(atif)[0]!);
    const commands: Array<[string[], (j: unknown) => void]> = [
      [['list', '--json'], (j) => expect((j as { tasks: unknown[] }).tasks.length).toBe(TASKS.length)],
      [['runs', '--json', '--db', db], (j) => expect((j as unknown[]).length).toBe(1)],
      [['show', trialId, '--json', '--db', db], (j) => expect((j as { trialId: string }).trialId).toBe(trialId)],
      [['report', '--json', '--resamples', '200', '--db', db], (j) => expect((j as { schema: string }).schema).toBe('deskbench.report/v1')],
      [['rescore', '--dry-run', '--json', '--db', db], (j) => expect(j).toMatchObject({ summary: expect.objectContaining({ dryRun: true }) })],
      [['merge', db, '--into', join(dir, 'merged.db'), '--json'], (j) => expect(j).toMatchObject({ trials: 2 })],
      [['import', file, '--db', join(dir, 'imported.db'), '--json'], (j) => expect(j).toMatchObject({ summary: expect.objectContaining({ imported: 1 }) })],
      [['check', TASK, '--json'], (j) => expect(j).toMatchObject({ summary: expect.objectContaining({ tasks: 1 }) })],
    ];
    for (const [args, check] of commands) {
      const r = await runCli(args);
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
      // rescore prints one JSON object per line; the others one document.
      const text = args[0] === 'rescore' ? r.out.trim().split('\n').at(-1)! : r.out;
      check(JSON.parse(text));
    }
  }, 240_000);

  it('report --json and --format csv together are refused', async () => {
    const r = await runCli(['report', '--json', '--format', 'csv', '--db', join(dir, 'none.db')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--json and --format csv ask for two formats/);
  }, 30_000);
});

describe('show', () => {
  it('prints scores without float noise', async () => {
    expect(formatScore(0.9500000000000001)).toBe('0.95');
    expect(formatScore(1)).toBe('1');
    expect(formatScore(-1)).toBe('-1');
    expect(formatScore(null)).toBe('-');
    const db = join(dir, 'show.db');
    expect((await runCli(['run', '--agent', 'oracle', '--task', TASK, '--db', db, '--quiet'])).code).toBe(0);
    const store = openRunStore(db, { create: false });
    try {
      const [row] = store.listTrials();
      const t = store.getTrial(row!.trialId);
      const noisy = { ...t, score: { ...t.score!, score: 0.9500000000000001 } };
      const text = renderTranscript(noisy);
      expect(text).toContain('score 0.95  duration');
      expect(text).toMatch(/\nscore 0\.95(\n| |$)/);
      expect(text).not.toContain('0.9500000000000001');
    } finally {
      store.close();
    }
  }, 60_000);
});

describe('check', () => {
  it("shows a reference solution's real error, not just the score it got", async () => {
    const task = TASKS.find((t) => t.id === TASK)!;
    const broken = { ...task, oracle: (api: { call: (op: string, args?: Record<string, unknown>) => unknown }) => void api.call('gmail.users.labels.createTypo', { userId: 'me' }) };
    const seed = DEFAULT_SEED;
    const result = await checkTask(broken as typeof task, baseWorkspace(seed), seed, { principal: companyFor(seed).owner.email, tokenKind: 'user' });
    const oracle = result.items.find((i) => i.name.startsWith('oracle'))!;
    expect(oracle.passed).toBe(false);
    expect(oracle.detail).toMatch(/^the solution failed \(agent_error: .*gmail\.users\.labels\.createTypo.*\), then scored 0/);
  }, 60_000);

  it('prints surviving mutants in its text output, even for a passing task, and never "100.0% (0/0)"', async () => {
    const task = TASKS.find((t) => t.id === TASK)!;
    const seed = DEFAULT_SEED;
    const real = await checkTask(task, baseWorkspace(seed), seed, { principal: companyFor(seed).owner.email, tokenKind: 'user' });
    expect(real.passed).toBe(true);
    // The same passing result with one capability survivor and no harm mutants at all.
    const withSurvivor = {
      ...real,
      mutation: { ...real.mutation, killed: real.mutation.total - 1, survivors: [{ id: 'm7', kind: 'value', description: 'label name changed to Vendors/Stackwis', score: 1 }] },
      harm: { total: 0, killed: 0, killRate: 1, survivors: [] },
    };
    const text = renderCheckText([withSurvivor]);
    expect(text).toContain(`  ${TASK}: capability mutant survived (scored +1): label name changed to Vendors/Stackwis`);
    expect(text).toMatch(new RegExp(`capability mutants killed \\d+\\.\\d% \\(${real.mutation.total - 1}/${real.mutation.total}\\); harm mutants none generated`));
    expect(text).not.toContain('(0/0)');
    const cli = await runCli(['check', TASK]);
    expect(cli.code, cli.err).toBe(0);
    expect(cli.out).toBe(renderCheckText([real]));
  }, 120_000);
});

describe('new-task', () => {
  it('says where to list the task, how to typecheck and how to regenerate the catalogue', async () => {
    const r = await runCli(['new-task', 'answer-budget-question', '--dir', join(dir, 'tasks')]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`2. list it in ${join(dir, 'tasks', 'gmail', 'index.ts')}: import answerBudgetQuestion from './answer-budget-question.ts'`);
    expect(r.out).toContain('npx tsc -p tsconfig.json --noEmit');
    expect(r.out).toContain('deskbench check answer-budget-question');
    expect(r.out).toContain('deskbench list --markdown > docs/tasks.md');
    expect(r.out).not.toContain('tasks/index.ts,');
  }, 30_000);
});
